package dev.lectern.servicekit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox backlog as an operator sees it: {@code lectern.outbox.pending} (events not yet acknowledged by Kafka)
 * and {@code lectern.outbox.oldest.age} (seconds since the oldest of them happened; 0 when none waits). Both come
 * from one query on the partial index of pending rows, run when metrics are scraped and at most once a second.
 * While the database cannot be read both are NaN (its health indicator tells why).
 */
public class OutboxMetrics {

    public static final String PENDING = "lectern.outbox.pending";
    public static final String OLDEST_AGE = "lectern.outbox.oldest.age";

    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private record Backlog(long pending, Instant oldest, Instant readAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Backlog last;

    public OutboxMetrics(JdbcClient jdbc, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder(PENDING, this, m -> m.read(Backlog::pending))
                .description("outbox events not yet acknowledged by Kafka")
                .register(meters);
        Gauge.builder(OLDEST_AGE, this, m -> m.read(m::ageSeconds))
                .description("age of the oldest outbox event not yet acknowledged by Kafka (0 when none)")
                .baseUnit("seconds")
                .register(meters);
    }

    private double ageSeconds(Backlog backlog) {
        return backlog.oldest() == null ? 0
                : Math.max(0, Duration.between(backlog.oldest(), clock.instant()).toMillis() / 1000.0);
    }

    private double read(ToDoubleFunction<Backlog> value) {
        Backlog backlog = backlog();
        return backlog == null ? Double.NaN : value.applyAsDouble(backlog);
    }

    private Backlog backlog() {
        Backlog current = last;
        Instant now = clock.instant();
        if (current != null && !current.readAt().plus(FRESH_FOR).isBefore(now)) {
            return current;
        }
        try {
            current = jdbc.sql("select count(*), min(created_at) from outbox_events where published_at is null")
                    .query((rs, n) -> {
                        Timestamp oldest = rs.getTimestamp(2);
                        return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant(), now);
                    })
                    .single();
        } catch (DataAccessException e) {
            return null;
        }
        last = current;
        return current;
    }
}
