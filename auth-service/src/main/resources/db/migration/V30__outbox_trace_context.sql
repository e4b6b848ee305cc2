-- The W3C trace context of the request that stored the event; the relay publishes the event inside that trace.
alter table outbox_events add column traceparent text;
