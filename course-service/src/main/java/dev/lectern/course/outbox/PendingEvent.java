package dev.lectern.course.outbox;

import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.EventCodec;
import dev.lectern.servicekit.tracing.TraceParent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An event waiting inside the document whose change produced it. It is written by the same single-document
 * update as the change, so the two cannot part; {@link OutboxRelay} publishes it and then removes it.
 */
public record PendingEvent(String eventId, String topic, String key, String eventType, String payload,
                           Instant occurredAt, String traceparent) {

    /** The event, with the trace it happens in (the relay publishes it inside that trace). */
    public static PendingEvent of(DomainEvent event) {
        EventCodec.Encoded encoded = EventCodec.encode(event);
        return new PendingEvent(encoded.eventId(), encoded.topic(), encoded.key(), encoded.eventType(),
                new String(encoded.json(), StandardCharsets.UTF_8), event.occurredAt(), TraceParent.current());
    }
}
