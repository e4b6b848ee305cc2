package dev.lectern.webhook.mux;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Mux event ids already published, so a redelivery is acknowledged without publishing again. */
@Repository
class ProcessedWebhooks {

    private final JdbcClient jdbc;

    ProcessedWebhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean contains(String muxEventId) {
        return jdbc.sql("select exists(select 1 from processed_webhooks where mux_event_id = :id)")
                .param("id", muxEventId)
                .query(Boolean.class)
                .single();
    }

    /** Records a published event; a concurrent delivery that recorded it first is fine. */
    void record(String muxEventId, String eventType, UUID lectureId, Instant receivedAt) {
        jdbc.sql("""
                        insert into processed_webhooks (mux_event_id, event_type, lecture_id, received_at)
                        values (:id, :type, :lecture, :at)
                        on conflict (mux_event_id) do nothing""")
                .param("id", muxEventId)
                .param("type", eventType)
                .param("lecture", lectureId)
                .param("at", Timestamp.from(receivedAt))
                .update();
    }

    int purgeBefore(Instant cutoff) {
        return jdbc.sql("delete from processed_webhooks where received_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
