package dev.lectern.servicekit.outbox;

import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.EventCodec;
import dev.lectern.servicekit.tracing.TraceParent;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores an event in the same transaction as the change it describes, with the trace it happened in
 * ({@code traceparent}); {@link OutboxRelay} publishes it later, inside that trace.
 */
public class Outbox {

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(DomainEvent event) {
        EventCodec.Encoded encoded = EventCodec.encode(event);
        jdbc.sql("""
                        insert into outbox_events (id, topic, event_key, event_type, payload, created_at, traceparent)
                        values (:id, :topic, :key, :type, cast(:payload as jsonb), :createdAt, :traceparent)""")
                .param("id", UUID.fromString(encoded.eventId()))
                .param("topic", encoded.topic())
                .param("key", encoded.key())
                .param("type", encoded.eventType())
                .param("payload", new String(encoded.json(), StandardCharsets.UTF_8))
                .param("createdAt", Timestamp.from(event.occurredAt()))
                .param("traceparent", TraceParent.current())
                .update();
    }
}
