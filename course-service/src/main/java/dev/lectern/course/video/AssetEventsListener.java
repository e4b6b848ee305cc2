package dev.lectern.course.video;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.asset.AssetCreated;
import dev.lectern.contracts.asset.AssetDeleted;
import dev.lectern.contracts.asset.AssetErrored;
import dev.lectern.contracts.asset.AssetEvent;
import dev.lectern.contracts.asset.AssetReady;
import dev.lectern.contracts.asset.UploadAssetCreated;
import dev.lectern.contracts.asset.UploadCancelled;
import dev.lectern.contracts.asset.UploadCreated;
import dev.lectern.contracts.asset.UploadErrored;
import dev.lectern.course.course.CourseService;
import dev.lectern.course.course.VideoReport;
import dev.lectern.course.course.VideoState;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Moves lectures through their video states from the asset lifecycle topic. Each event becomes a
 * {@link VideoReport}; the lecture applies it monotonically, so duplicates and out-of-order delivery are
 * harmless. A record that keeps failing goes to the dead-letter topic (see the application's error handler).
 */
@Component
class AssetEventsListener {

    private final CourseService courses;

    AssetEventsListener(CourseService courses) {
        this.courses = courses;
    }

    @KafkaListener(id = "course-service-assets", topics = Topics.ASSET_LIFECYCLE)
    void on(ConsumerRecord<String, byte[]> record) {
        EventCodec.decode(Topics.ASSET_LIFECYCLE, record.value(), AssetEvent.class).ifPresent(this::apply);
    }

    void apply(AssetEvent event) {
        report(event).ifPresent(report -> courses.videoReported(event.lectureId().toString(), report));
    }

    static Optional<VideoReport> report(AssetEvent event) {
        return Optional.ofNullable(switch (event) {
            case UploadCreated e -> new VideoReport(VideoState.UPLOADING, e.uploadId(), null, null, null, null, null);
            case UploadAssetCreated e ->
                    new VideoReport(VideoState.PROCESSING, e.uploadId(), e.assetId(), null, null, null, null);
            case UploadCancelled e -> new VideoReport(VideoState.CANCELLED, e.uploadId(), null, null, null, null, null);
            case UploadErrored e -> new VideoReport(VideoState.FAILED, e.uploadId(), null, null, null, null,
                    e.errorMessage() != null ? e.errorMessage() : e.errorType());
            case AssetCreated e ->
                    new VideoReport(VideoState.PROCESSING, e.uploadId(), e.assetId(), e.playbackIds(), null, null, null);
            case AssetReady e -> new VideoReport(VideoState.READY, e.uploadId(), e.assetId(), e.playbackIds(),
                    e.durationSeconds(), e.aspectRatio(), null);
            case AssetErrored e -> new VideoReport(VideoState.FAILED, null, e.assetId(), null, null, null,
                    e.errorMessages() == null || e.errorMessages().isEmpty() ? e.errorType()
                            : String.join("; ", e.errorMessages()));
            // the lecture's own deletion removes its asset; a deletion made at Mux directly changes no state here
            case AssetDeleted e -> null;
        });
    }
}
