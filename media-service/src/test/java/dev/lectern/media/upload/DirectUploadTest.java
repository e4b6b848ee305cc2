package dev.lectern.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.Topics;
import dev.lectern.media.MediaServiceUnderTest;
import dev.lectern.media.mux.MuxStub;
import dev.lectern.media.mux.MuxStub.Answer;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.ServiceClient.Response;
import dev.lectern.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DirectUploadTest extends MediaServiceUnderTest {

    private static final String UPLOAD_ID = "OOTbA00CpWh6OgwV3asF00IvD2STk22UXM";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UUID ownerId = UUID.randomUUID();
    private final Caller owner = new Caller(ownerId, "instructor");

    private String uploadsPath(UUID lectureId) {
        return "/api/v1/lectures/" + lectureId + "/uploads";
    }

    @Test
    void ownerGetsAnUploadUrlAndTheLectureIsAnnouncedAsUploading() {
        CourseFixture course = course(ownerId, false, false, false);
        String uploadId = answerUploadsWithANewId();
        int before = MUX.requests("POST", "/video/v1/uploads").size();

        try (KafkaTestConsumer assets = TestInfrastructure.kafka().consumeFromNow(Topics.ASSET_LIFECYCLE)) {
            Response created = api().post(owner, uploadsPath(course.lectureId()), null);

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.text("upload_id")).isEqualTo(uploadId);
            assertThat(created.text("upload_url")).startsWith("https://storage.googleapis.com/");
            assertThat(Instant.parse(created.text("expires_at")))
                    .isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
            assertThat(created.header("Location")).endsWith(uploadsPath(course.lectureId()) + "/" + uploadId);

            JsonNode sent = JSON.readTree(MUX.requests("POST", "/video/v1/uploads").get(before).body());
            assertThat(sent.path("cors_origin").asString()).isEqualTo("https://app.lectern.test");
            assertThat(sent.path("new_asset_settings").path("passthrough").asString())
                    .isEqualTo(course.lectureId().toString());
            assertThat(sent.path("new_asset_settings").path("playback_policies").get(0).asString()).isEqualTo("signed");
            assertThat(sent.path("new_asset_settings").has("advanced_playback_policies")).isFalse();

            ConsumerRecord<String, String> event = assets.awaitRecords(1,
                    r -> r.key().equals(course.lectureId().toString())).getFirst();
            assertThat(KafkaTestConsumer.header(event, EventCodec.EVENT_TYPE_HEADER)).isEqualTo("upload.created");
            var encoded = new EventCodec.Encoded(Topics.ASSET_LIFECYCLE, event.key(),
                    KafkaTestConsumer.header(event, EventCodec.EVENT_ID_HEADER),
                    KafkaTestConsumer.header(event, EventCodec.EVENT_TYPE_HEADER),
                    event.value().getBytes(StandardCharsets.UTF_8));
            assertThat(EventContracts.violations(encoded)).isEmpty();
        }
    }

    @Test
    void courseAskingForDrmGetsADrmPlaybackPolicy() {
        CourseFixture course = course(ownerId, false, true, false);
        answerUploadsWithANewId();
        int before = MUX.requests("POST", "/video/v1/uploads").size();

        assertThat(api().post(owner, uploadsPath(course.lectureId()), null).status()).isEqualTo(201);

        JsonNode settings = JSON.readTree(MUX.requests("POST", "/video/v1/uploads").get(before).body())
                .path("new_asset_settings");
        assertThat(settings.has("playback_policies")).isFalse();
        assertThat(settings.path("advanced_playback_policies").get(0).path("policy").asString()).isEqualTo("drm");
        assertThat(settings.path("advanced_playback_policies").get(0).path("drm_configuration_id").asString())
                .isEqualTo(DRM_CONFIGURATION_ID);
        assertThat(settings.path("video_quality").asString()).isEqualTo("plus");
    }

    @Test
    void onlyTheOwnerOrAnAdminMayUpload() {
        CourseFixture course = course(ownerId, true, false, true);
        answerUploadsWithANewId();
        int before = MUX.requests("POST", "/video/v1/uploads").size();

        assertThat(api().post(Caller.instructor(), uploadsPath(course.lectureId()), null).status()).isEqualTo(403);
        assertThat(api().post(Caller.student(), uploadsPath(course.lectureId()), null).status()).isEqualTo(403);
        assertThat(api().post(Caller.anonymous(), uploadsPath(course.lectureId()), null).status()).isEqualTo(401);
        assertThat(MUX.requests("POST", "/video/v1/uploads")).hasSize(before);

        assertThat(api().post(Caller.admin(), uploadsPath(course.lectureId()), null).status()).isEqualTo(201);
    }

    @Test
    void unknownLectureIs404AndMalformedIdIs400() {
        Response unknown = api().post(owner, uploadsPath(UUID.randomUUID()), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        assertThat(api().post(owner, "/api/v1/lectures/not-a-uuid/uploads", null).status()).isEqualTo(400);
    }

    @Test
    void muxOutageIsA503ProblemAndNoUploadIsRecorded() {
        CourseFixture course = course(ownerId, false, false, false);
        MUX.on("POST", "/video/v1/uploads", Answer.of(500, "error-500.json"));
        try {
            Response response = api().post(owner, uploadsPath(course.lectureId()), null);

            assertThat(response.status()).isIn(502, 503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(jdbc.sql("select count(*) from uploads where lecture_id = :id")
                    .param("id", course.lectureId()).query(Long.class).single()).isZero();
        } finally {
            answerUploadsWithANewId();
        }
    }

    @Test
    void cancellingAWaitingUploadCancelsItAtMuxAndAnnouncesIt() {
        CourseFixture course = course(ownerId, false, false, false);
        String uploadId = "upload-" + UUID.randomUUID();
        insertWaitingUpload(uploadId, course);
        MUX.on("PUT", "/video/v1/uploads/" + uploadId + "/cancel", Answer.of(200, "upload-cancelled.json"));

        try (KafkaTestConsumer assets = TestInfrastructure.kafka().consumeFromNow(Topics.ASSET_LIFECYCLE)) {
            Response cancelled = api().delete(owner, uploadsPath(course.lectureId()) + "/" + uploadId);

            assertThat(cancelled.status()).isEqualTo(204);
            assertThat(MUX.requests("PUT", "/video/v1/uploads/" + uploadId + "/cancel")).hasSize(1);
            List<ConsumerRecord<String, String>> events = assets.awaitRecords(1,
                    r -> r.key().equals(course.lectureId().toString()));
            assertThat(KafkaTestConsumer.header(events.getFirst(), EventCodec.EVENT_TYPE_HEADER))
                    .isEqualTo("upload.cancelled");
        }
        assertThat(api().delete(owner, uploadsPath(course.lectureId()) + "/" + uploadId).status()).isEqualTo(204);
        assertThat(MUX.requests("PUT", "/video/v1/uploads/" + uploadId + "/cancel")).hasSize(1);
    }

    @Test
    void cancellingAfterTheFileArrivedIs409() {
        CourseFixture course = course(ownerId, false, false, false);
        String uploadId = "upload-" + UUID.randomUUID();
        insertWaitingUpload(uploadId, course);
        MUX.on("PUT", "/video/v1/uploads/" + uploadId + "/cancel", Answer.of(403, "error-403-cancel.json"));

        Response response = api().delete(owner, uploadsPath(course.lectureId()) + "/" + uploadId);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void cancellingAnUploadOfAnotherLectureIs404AndOfAnotherOwnerIs403() {
        CourseFixture course = course(ownerId, false, false, false);
        CourseFixture other = course(ownerId, false, false, false);
        String uploadId = "upload-" + UUID.randomUUID();
        insertWaitingUpload(uploadId, other);

        assertThat(api().delete(owner, uploadsPath(course.lectureId()) + "/" + uploadId).status()).isEqualTo(404);
        assertThat(api().delete(Caller.instructor(), uploadsPath(other.lectureId()) + "/" + uploadId).status())
                .isEqualTo(403);
        assertThat(MUX.requests("PUT", "/video/v1/uploads/" + uploadId + "/cancel")).isEmpty();
    }

    /** Mux gives every upload its own id; the recorded answer with a fresh one. */
    private static String answerUploadsWithANewId() {
        String id = "upload" + UUID.randomUUID().toString().replace("-", "");
        MUX.on("POST", "/video/v1/uploads", new Answer(201,
                MuxStub.resource("upload-created.json").replace(UPLOAD_ID, id), Map.of(), 0));
        return id;
    }

    private void insertWaitingUpload(String uploadId, CourseFixture course) {
        jdbc.sql("""
                        insert into uploads (upload_id, lecture_id, course_id, created_by, status, created_at, expires_at)
                        values (:id, :lecture, :course, :by, 'waiting', now(), now() + interval '1 hour')""")
                .param("id", uploadId).param("lecture", course.lectureId()).param("course", course.courseId())
                .param("by", course.instructorId()).update();
    }
}
