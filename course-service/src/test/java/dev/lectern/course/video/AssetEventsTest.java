package dev.lectern.course.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.asset.AssetEvent;
import dev.lectern.contracts.asset.AssetReady;
import dev.lectern.contracts.asset.PlaybackId;
import dev.lectern.contracts.asset.UploadAssetCreated;
import dev.lectern.contracts.asset.UploadCreated;
import dev.lectern.course.ServiceUnderTest;
import dev.lectern.course.course.VideoState;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.TestInfrastructure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** Asset lifecycle events move lectures through their video states, whatever their order or repetition. */
class AssetEventsTest extends ServiceUnderTest {

    @Autowired
    MongoTemplate mongo;

    final Caller owner = Caller.instructor();

    @Test
    void readyBeforeAssetCreatedAndDuplicatesLeaveTheLectureReadyWithTheCourseTotals() {
        final String courseId = api.post(owner, "/api/v1/courses", Map.of("title", "Video", "category", "c")).text("id");
        String lectureId = api.post(owner, "/api/v1/courses/" + courseId + "/lectures", Map.of("title", "L1")).text("id");
        UUID lecture = UUID.fromString(lectureId);

        try (KafkaTestConsumer courses = TestInfrastructure.kafka().consumeFromNow(Topics.COURSES)) {
            kafka.publish(new UploadCreated(UUID.randomUUID(), Instant.now(), lecture, "m1", "upload-1"));
            AssetReady ready = new AssetReady(UUID.randomUUID(), Instant.now(), lecture, "m3", "asset-1", "upload-1",
                    List.of(new PlaybackId("pb-1", "signed")), 612.5, "16:9", "1080p");
            kafka.publish(ready);
            kafka.publish(ready);
            kafka.publish(new UploadAssetCreated(UUID.randomUUID(), Instant.now(), lecture, "m2", "upload-1", "asset-1"));

            courses.awaitRecord(r -> r.key().equals(courseId)
                    && "lecture.ready".equals(KafkaTestConsumer.header(r, EventCodec.EVENT_TYPE_HEADER)));
            Eventually.assertThat(() -> {
                JsonNode lectureView = api.get(owner, "/api/v1/courses/" + courseId + "/lectures").body().get(0);
                assertThat(lectureView.path("video_state").asString()).isEqualTo("ready");
                assertThat(lectureView.path("duration_seconds").asDouble()).isEqualTo(612.5);
            });
            JsonNode course = api.get(owner, "/api/v1/courses/" + courseId).body();
            assertThat(course.path("lecture_count").asInt()).isEqualTo(1);
            assertThat(course.path("total_duration_seconds").asDouble()).isEqualTo(612.5);
            Eventually.assertThat(() -> assertThat(courses.records().stream()
                    .filter(r -> "lecture.ready".equals(KafkaTestConsumer.header(r, EventCodec.EVENT_TYPE_HEADER))
                            && r.key().equals(courseId))).hasSize(1));
        }
        Document stored = mongo.getCollection("courses").find(new Document("_id", courseId)).first();
        Document storedLecture = stored.getList("lectures", Document.class).getFirst();
        assertThat(storedLecture.getString("_id")).as("the lecture_id index is on lectures._id").isEqualTo(lectureId);
        assertThat(storedLecture.getString("assetId")).isEqualTo("asset-1");
        assertThat(storedLecture.getList("playbackIds", Document.class)).hasSize(1);
    }

    @Test
    void theLectureEventCausedByAnAssetEventContinuesItsTrace() {
        String traceId = "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
        String courseId = api.post(owner, "/api/v1/courses", Map.of("title", "Traced video", "category", "c")).text("id");
        String lectureId = api.post(owner, "/api/v1/courses/" + courseId + "/lectures", Map.of("title", "L1")).text("id");

        try (KafkaTestConsumer courses = TestInfrastructure.kafka().consumeFromNow(Topics.COURSES)) {
            kafka.publish(new AssetReady(UUID.randomUUID(), Instant.now(), UUID.fromString(lectureId), "m-traced",
                            "asset-traced", "upload-traced", List.of(new PlaybackId("pb-t", "signed")), 3.0, "16:9",
                            "720p"),
                    Map.of("traceparent", "00-" + traceId + "-a1b2c3d4e5f6a7b8-01"));

            var ready = courses.awaitRecord(r -> r.key().equals(courseId)
                    && "lecture.ready".equals(KafkaTestConsumer.header(r, EventCodec.EVENT_TYPE_HEADER)));
            assertThat(KafkaTestConsumer.header(ready, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        }
    }

    @Test
    void eventsForUnknownLecturesAreIgnored() {
        kafka.publish(new UploadCreated(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "m9", "upload-9"));
        String courseId = api.post(owner, "/api/v1/courses", Map.of("title", "Still works", "category", "c")).text("id");
        assertThat(api.get(owner, "/api/v1/courses/" + courseId).status()).isEqualTo(200);
    }

    @Test
    void everyContractSampleMapsToAVideoState() {
        for (String type : List.of("upload.created", "upload.asset_created", "upload.cancelled", "upload.errored",
                "asset.created", "asset.ready", "asset.errored")) {
            AssetEvent event = EventCodec.decode(Topics.ASSET_LIFECYCLE,
                    EventContracts.sample(Topics.ASSET_LIFECYCLE, type), AssetEvent.class).orElseThrow();
            assertThat(AssetEventsListener.report(event)).as(type).isPresent();
        }
        AssetEvent ready = EventCodec.decode(Topics.ASSET_LIFECYCLE,
                EventContracts.sample(Topics.ASSET_LIFECYCLE, "asset.ready"), AssetEvent.class).orElseThrow();
        var report = AssetEventsListener.report(ready).orElseThrow();
        assertThat(report.state()).isEqualTo(VideoState.READY);
        assertThat(report.durationSeconds()).isEqualTo(612.433333);
        assertThat(report.playbackIds()).extracting(PlaybackId::policy).containsExactly("signed");
    }
}
