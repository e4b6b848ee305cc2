package dev.lectern.media.video;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.asset.AssetEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link LectureVideos} from {@code lectern.asset-lifecycle.v1}. */
@Component
class AssetEventsListener {

    private static final Logger log = LoggerFactory.getLogger(AssetEventsListener.class);

    private final LectureVideos videos;

    AssetEventsListener(LectureVideos videos) {
        this.videos = videos;
    }

    @KafkaListener(id = "media-service-assets", idIsGroup = false, topics = Topics.ASSET_LIFECYCLE)
    void on(ConsumerRecord<String, byte[]> record) {
        EventCodec.decode(Topics.ASSET_LIFECYCLE, record.value(), AssetEvent.class).ifPresent(event -> {
            videos.apply(event);
            log.debug("Asset event {} for lecture {}", event.getClass().getSimpleName(), event.lectureId());
        });
    }
}
