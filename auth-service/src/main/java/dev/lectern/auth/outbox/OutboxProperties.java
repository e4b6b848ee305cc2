package dev.lectern.auth.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lectern.outbox.*}: relay batch size, how long Kafka may take to ack, how long published rows are kept. */
@ConfigurationProperties("lectern.outbox")
public record OutboxProperties(int batchSize, Duration sendTimeout, Duration retention) {

    public OutboxProperties {
        batchSize = batchSize <= 0 ? 100 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        retention = retention == null ? Duration.ofDays(7) : retention;
    }
}
