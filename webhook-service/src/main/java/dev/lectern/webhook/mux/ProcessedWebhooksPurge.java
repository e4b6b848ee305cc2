package dev.lectern.webhook.mux;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets processed ids after the retention; Mux stops retrying an event after about a day. */
@Component
class ProcessedWebhooksPurge {

    private static final Logger log = LoggerFactory.getLogger(ProcessedWebhooksPurge.class);

    private final ProcessedWebhooks processed;
    private final MuxWebhookProperties properties;
    private final Clock clock;

    ProcessedWebhooksPurge(ProcessedWebhooks processed, MuxWebhookProperties properties, Clock clock) {
        this.processed = processed;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${lectern.webhook.mux.purge-interval:PT1H}", initialDelayString = "PT1M")
    int purge() {
        int deleted = processed.purgeBefore(clock.instant().minus(properties.retention()));
        if (deleted > 0) {
            log.info("Purged {} processed webhook ids older than {}", deleted, properties.retention());
        }
        return deleted;
    }
}
