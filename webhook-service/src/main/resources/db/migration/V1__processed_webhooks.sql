-- Mux event ids already published to Kafka; a redelivery of one of them is acknowledged without publishing.
create table processed_webhooks (
    mux_event_id text primary key,
    event_type   text        not null,
    lecture_id   uuid,
    received_at  timestamptz not null
);

create index processed_webhooks_received_at on processed_webhooks (received_at);
