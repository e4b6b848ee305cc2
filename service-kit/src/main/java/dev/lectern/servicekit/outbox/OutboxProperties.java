package dev.lectern.servicekit.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lectern.outbox.*}: relay batch size, how long Kafka may take to ack, how long published rows are kept,
 * and the advisory lock key that elects one relaying replica (one key per database).
 */
@ConfigurationProperties("lectern.outbox")
public record OutboxProperties(int batchSize, Duration sendTimeout, Duration retention, long relayLockKey) {

    public OutboxProperties {
        batchSize = batchSize <= 0 ? 100 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        retention = retention == null ? Duration.ofDays(7) : retention;
        relayLockKey = relayLockKey == 0 ? 0x1ec7e4_0002L : relayLockKey;
    }
}
