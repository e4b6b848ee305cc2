package dev.lectern.course.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The backlog of each outbox collection, as the PostgreSQL outbox of the other services reports it:
 * {@code lectern.outbox.pending} (events waiting inside documents) and {@code lectern.outbox.oldest.age} (seconds
 * since the oldest of them happened; 0 when none waits), tag {@code collection}. Read at scrape time, at most once
 * a second, from the documents the {@code outbox_pending} index finds (only their events' times are fetched);
 * NaN while MongoDB cannot be read.
 */
@Component
class OutboxMetrics {

    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private record Backlog(long pending, Instant oldest, Instant readAt) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<String, Backlog> last = new ConcurrentHashMap<>();

    OutboxMetrics(MongoTemplate mongo, Clock clock, MeterRegistry meters,
                  @Value("${lectern.outbox.collections:courses,progress}") List<String> collections) {
        this.mongo = mongo;
        this.clock = clock;
        for (String collection : collections) {
            Gauge.builder(dev.lectern.servicekit.outbox.OutboxMetrics.PENDING, this,
                            m -> m.read(collection, Backlog::pending))
                    .description("outbox events not yet acknowledged by Kafka")
                    .tag("collection", collection)
                    .register(meters);
            Gauge.builder(dev.lectern.servicekit.outbox.OutboxMetrics.OLDEST_AGE, this,
                            m -> m.read(collection, m::ageSeconds))
                    .description("age of the oldest outbox event not yet acknowledged by Kafka (0 when none)")
                    .baseUnit("seconds")
                    .tag("collection", collection)
                    .register(meters);
        }
    }

    private double ageSeconds(Backlog backlog) {
        return backlog.oldest() == null ? 0
                : Math.max(0, Duration.between(backlog.oldest(), clock.instant()).toMillis() / 1000.0);
    }

    private double read(String collection, ToDoubleFunction<Backlog> value) {
        Backlog backlog = backlog(collection);
        return backlog == null ? Double.NaN : value.applyAsDouble(backlog);
    }

    private Backlog backlog(String collection) {
        Backlog current = last.get(collection);
        Instant now = clock.instant();
        if (current != null && !current.readAt().plus(FRESH_FOR).isBefore(now)) {
            return current;
        }
        Query waiting = Query.query(Criteria.where("outboxPending").is(true));
        waiting.fields().include("pendingEvents.occurredAt");
        long pending = 0;
        Instant oldest = null;
        try (var documents = mongo.stream(waiting, Document.class, collection)) {
            for (Document document : (Iterable<Document>) documents::iterator) {
                for (Document event : document.getList("pendingEvents", Document.class, List.of())) {
                    pending++;
                    Date at = event.getDate("occurredAt");
                    if (at != null && (oldest == null || at.toInstant().isBefore(oldest))) {
                        oldest = at.toInstant();
                    }
                }
            }
        } catch (DataAccessException | com.mongodb.MongoException e) {
            return null;
        }
        current = new Backlog(pending, oldest, now);
        last.put(collection, current);
        return current;
    }
}
