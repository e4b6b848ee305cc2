package dev.lectern.servicekit.outbox;

import dev.lectern.contracts.EventCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.lectern.servicekit.tracing.TraceParent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka. Each round, in one transaction: take the relay lock (a PostgreSQL advisory lock:
 * one replica relays at a time, which keeps events in order), claim pending rows with {@code FOR UPDATE SKIP LOCKED}, send them, wait
 * for every ack, mark them published, commit. A crash after sending and before the commit re-sends the batch
 * (at least once; consumers de-duplicate on {@code event_id}); nothing is marked published without an ack.
 * Each record is sent inside the trace of the request that stored it ({@link TraceParent}).
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Pending(UUID id, String topic, String key, String eventType, String payload, String traceparent) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;

    private final Counter published;
    private final Counter failedRounds;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
                       OutboxProperties properties) {
        this(jdbc, transactions, kafka, properties, new SimpleMeterRegistry());
    }

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
                       OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.published = meters.counter("lectern.outbox.published");
        this.failedRounds = meters.counter("lectern.outbox.failed.rounds");
    }

    @Scheduled(fixedDelayString = "${lectern.outbox.poll-interval-ms:200}",
            initialDelayString = "${lectern.outbox.initial-delay-ms:500}")
    void relay() {
        try {
            int published;
            do {
                published = publishBatch();
            } while (published == properties.batchSize());
        } catch (RuntimeException e) {
            failedRounds.increment();
            log.warn("Outbox relay round failed, will retry: {}", e.toString());
        }
    }

    /** One round; returns how many events were published (0 when another replica holds the relay lock). */
    public int publishBatch() {
        Integer count = transactions.execute(status -> {
            Boolean leader = jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", properties.relayLockKey())
                    .query(Boolean.class).single();
            if (!Boolean.TRUE.equals(leader)) {
                return 0;
            }
            List<Pending> pending = jdbc.sql("""
                            select id, topic, event_key, event_type, payload::text, traceparent
                            from outbox_events
                            where published_at is null
                            order by created_at, id
                            limit :limit
                            for update skip locked""")
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)))
                    .list();
            if (pending.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, byte[]>>> acks = new ArrayList<>();
            for (Pending event : pending) {
                acks.add(TraceParent.continueTrace(event.traceparent(), () -> kafka.send(record(event))));
            }
            awaitAll(acks);
            jdbc.sql("update outbox_events set published_at = :now where id in (:ids)")
                    .param("now", Timestamp.from(Instant.now()))
                    .param("ids", pending.stream().map(Pending::id).toList())
                    .update();
            return pending.size();
        });
        if (count != null && count > 0) {
            published.increment(count);
        }
        return count == null ? 0 : count;
    }

    /** Deletes published rows older than the retention. */
    @Scheduled(fixedDelayString = "${lectern.outbox.cleanup-interval-ms:3600000}", initialDelay = 60_000)
    public int cleanUp() {
        int deleted = jdbc.sql("delete from outbox_events where published_at < :cutoff")
                .param("cutoff", Timestamp.from(Instant.now().minus(properties.retention())))
                .update();
        if (deleted > 0) {
            log.info("Deleted {} published outbox events older than {}", deleted, properties.retention());
        }
        return deleted;
    }

    private static ProducerRecord<String, byte[]> record(Pending event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(),
                event.payload().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventCodec.EVENT_ID_HEADER, event.id().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventCodec.EVENT_TYPE_HEADER, event.eventType().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private void awaitAll(List<CompletableFuture<SendResult<String, byte[]>>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acks", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch", e);
        }
    }
}
