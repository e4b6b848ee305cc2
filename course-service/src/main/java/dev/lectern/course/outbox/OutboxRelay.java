package dev.lectern.course.outbox;

import dev.lectern.contracts.EventCodec;
import dev.lectern.servicekit.tracing.TraceParent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the events waiting inside documents ({@code pendingEvents}) of each outbox collection (courses,
 * progress) and then removes them.
 * A replica first leases a document, so replicas do not publish the same events side by side; a crash after
 * sending and before removing re-sends them later (at least once; consumers de-duplicate on event id).
 * Documents marked deleted are removed once nothing is left to publish. Each event is sent inside the trace it was
 * stored in ({@link TraceParent}).
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final List<String> collections;
    private final Duration lease;
    private final Duration sendTimeout;
    private final Counter published;

    OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, Clock clock, MeterRegistry meters,
                @Value("${lectern.outbox.collections:courses,progress}") List<String> collections,
                @Value("${lectern.outbox.lease:PT30S}") Duration lease,
                @Value("${lectern.outbox.send-timeout:PT10S}") Duration sendTimeout) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.clock = clock;
        this.collections = collections;
        this.lease = lease;
        this.sendTimeout = sendTimeout;
        this.published = meters.counter("lectern.outbox.published");
    }

    @Scheduled(fixedDelayString = "${lectern.outbox.interval:PT0.2S}")
    public void relay() {
        boolean any = true;
        while (any) {
            any = false;
            // in turns of a bounded batch per collection, so a busy one (progress) does not hold up the others
            for (String collection : collections) {
                try {
                    for (int i = 0; i < BATCH && relayOne(collection); i++) {
                        any = true;
                    }
                } catch (RuntimeException e) {
                    log.warn("outbox relay of {} paused: {}", collection, e.toString());
                }
            }
        }
    }

    /** Leases one document with pending events, publishes them, removes them. False when none is waiting. */
    boolean relayOne(String collection) {
        Instant now = clock.instant();
        Query claim = Query.query(Criteria.where("outboxPending").is(true)
                .orOperator(Criteria.where("outboxLeaseUntil").is(null), Criteria.where("outboxLeaseUntil").lt(now)));
        Document doc = mongo.findAndModify(claim, new Update().set("outboxLeaseUntil", now.plus(lease)),
                FindAndModifyOptions.options().returnNew(true), Document.class, collection);
        if (doc == null) {
            return false;
        }
        Object id = doc.get("_id");
        List<Document> pending = doc.getList("pendingEvents", Document.class, List.of());
        List<String> sent = new ArrayList<>();
        try {
            // all of the document's events go out at once (the idempotent producer keeps their order), then each
            // is confirmed in order; what was confirmed before a failure is removed, the rest stays for later
            List<CompletableFuture<?>> sending = new ArrayList<>();
            for (Document event : pending) {
                sending.add(send(event));
            }
            for (int i = 0; i < pending.size(); i++) {
                confirm(pending.get(i), sending.get(i));
                sent.add(pending.get(i).getString("eventId"));
            }
        } finally {
            settle(collection, id, sent);
        }
        return true;
    }

    private CompletableFuture<?> send(Document event) {
        var record = new ProducerRecord<String, byte[]>(event.getString("topic"), event.getString("key"),
                event.getString("payload").getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventCodec.EVENT_ID_HEADER, event.getString("eventId").getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventCodec.EVENT_TYPE_HEADER, event.getString("eventType").getBytes(StandardCharsets.UTF_8));
        try {
            return TraceParent.continueTrace(event.getString("traceparent"), () -> kafka.send(record));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void confirm(Document event, CompletableFuture<?> sending) {
        try {
            sending.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            published.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish event " + event.getString("eventId"), e);
        }
    }

    /** Removes what was sent, releases the lease, and drops a deleted document once it has nothing left. */
    private void settle(String collection, Object id, List<String> sent) {
        Update update = new Update().unset("outboxLeaseUntil");
        if (!sent.isEmpty()) {
            update.pull("pendingEvents", Query.query(Criteria.where("eventId").in(sent)).getQueryObject()).inc("version", 1);
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, collection);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("pendingEvents").size(0)),
                new Update().set("outboxPending", false), collection);
        mongo.remove(Query.query(Criteria.where("_id").is(id).and("deleted").is(true).and("outboxPending").is(false)),
                collection);
    }
}
