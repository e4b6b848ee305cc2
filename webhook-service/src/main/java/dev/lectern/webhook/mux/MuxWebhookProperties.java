package dev.lectern.webhook.mux;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the Mux webhook endpoint.
 *
 * @param secrets        signing secrets accepted at once (several during a rotation)
 * @param tolerance      how far the signed timestamp may be from now, either way
 * @param publishTimeout how long a delivery waits for Kafka's acknowledgement before answering 503
 * @param maxBodySize    larger bodies are refused with 413
 * @param retention      how long processed event ids are kept for de-duplication
 * @param purgeInterval  how often old processed ids are deleted
 */
@ConfigurationProperties("lectern.webhook.mux")
public record MuxWebhookProperties(List<String> secrets, Duration tolerance, Duration publishTimeout,
                                   DataSize maxBodySize, Duration retention, Duration purgeInterval) {

    public MuxWebhookProperties {
        secrets = secrets == null ? List.of() : secrets.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("lectern.webhook.mux.secrets (MUX_WEBHOOK_SECRETS) must name at least one secret");
        }
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
        publishTimeout = publishTimeout == null ? Duration.ofSeconds(3) : publishTimeout;
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        retention = retention == null ? Duration.ofDays(7) : retention;
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
    }

    @Override
    public String toString() {
        return "MuxWebhookProperties[secrets=" + secrets.size() + " configured, tolerance=" + tolerance
                + ", publishTimeout=" + publishTimeout + ", maxBodySize=" + maxBodySize + ", retention=" + retention + "]";
    }
}
