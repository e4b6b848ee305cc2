package dev.lectern.course.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.asset.AssetReady;
import dev.lectern.contracts.enrollment.EnrollmentEnded;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import dev.lectern.contracts.user.Role;
import dev.lectern.contracts.user.UserRegistered;
import dev.lectern.course.ServiceUnderTest;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.ServiceClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The analytics read model follows progress, enrollment and user events, once each, whatever is redelivered. */
class AnalyticsTest extends ServiceUnderTest {

    final Caller owner = Caller.instructor();
    final Caller ada = Caller.student();
    final Caller bob = Caller.student();
    String courseId;
    String lectureId;

    @BeforeEach
    void setUp() {
        courseId = api.post(owner, "/api/v1/courses", Map.of("title", "Measured", "category", "c")).text("id");
        lectureId = api.post(owner, "/api/v1/courses/" + courseId + "/lectures", Map.of("title", "Only")).text("id");
        api.post(owner, "/api/v1/courses/" + courseId + "/publish", null);
        kafka.publish(new AssetReady(UUID.randomUUID(), Instant.now(), UUID.fromString(lectureId),
                UUID.randomUUID().toString(), "asset", "upload", List.of(), 100.0, "16:9", "1080p"));
        Eventually.assertThat(() -> assertThat(api.get(owner, "/api/v1/courses/" + courseId + "/lectures").body()
                .get(0).path("video_state").asString()).isEqualTo("ready"));
    }

    @Test
    void analyticsShowEnrollmentsActivityCompletionCoverageAndDropOffOncePerEvent() {
        StudentEnrolled adaEnrolled = enroll(ada);
        enroll(bob);
        kafka.publish(adaEnrolled); // redelivered
        try (KafkaTestConsumer progress = kafka.consumeFromNow(Topics.PROGRESS)) {
            heartbeat(ada, 50, List.of(List.of(0.0, 50.0)));
            heartbeat(ada, 100, List.of(List.of(50.0, 100.0)));
            heartbeat(bob, 35, List.of(List.of(0.0, 35.0)));

            Eventually.assertThat(() -> assertThat(analytics(owner).path("lectures").get(0).path("viewers").asInt())
                    .isEqualTo(2));
            JsonNode expected = Eventually.value(Duration.ofSeconds(15), () -> {
                JsonNode a = analytics(owner);
                assertThat(a.path("lectures").get(0).path("completions").asInt()).isEqualTo(1);
                assertThat(a.path("lectures").get(0).path("average_coverage").asDouble()).isEqualTo(0.675);
                return a;
            });
            JsonNode lecture = expected.path("lectures").get(0);
            assertThat(lecture.path("completion_rate").asDouble()).isEqualTo(0.5);
            assertThat(lecture.path("drop_off").valueStream().map(JsonNode::asDouble).toList())
                    .containsExactly(1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
            assertThat(expected.path("enrolled_students").asInt()).isEqualTo(2);
            assertThat(expected.path("active_learners").path("last_7_days").asInt()).isEqualTo(2);
            assertThat(expected.path("active_learners").path("last_30_days").asInt()).isEqualTo(2);
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertThat(expected.path("enrollments_over_time").get(0).path("date").asString()).isEqualTo(today);
            assertThat(expected.path("enrollments_over_time").get(0).path("started").asInt()).isEqualTo(2);

            // every progress event delivered a second time changes nothing
            List<ConsumerRecord<String, String>> records = progress.awaitRecords(4, r -> r.key().equals(lectureId));
            for (ConsumerRecord<String, String> r : records) {
                kafka.publish(EventCodec.decode(Topics.PROGRESS, r.value().getBytes(StandardCharsets.UTF_8)).orElseThrow());
            }
            kafka.publish(new EnrollmentEnded(UUID.randomUUID(), Instant.now(), adaEnrolled.enrollmentId(), ada.id(),
                    UUID.fromString(courseId)));
            Eventually.assertThat(() -> assertThat(analytics(owner).path("enrollments_over_time").get(0)
                    .path("ended").asInt()).isEqualTo(1));
            JsonNode after = analytics(owner);
            assertThat(after.path("lectures")).isEqualTo(expected.path("lectures"));
            assertThat(after.path("enrollments_over_time").get(0).path("started").asInt()).isEqualTo(2);
            assertThat(after.path("enrolled_students").asInt()).isEqualTo(1);
        }
    }

    @Test
    void onlyTheOwnerAndAdminsSeeCourseAnalytics() {
        assertThat(api.get(Caller.instructor(), path()).status()).isEqualTo(403);
        assertThat(api.get(ada, path()).status()).isEqualTo(403);
        assertThat(api.get(Caller.admin(), path()).status()).isEqualTo(200);
        assertThat(api.get(owner, "/api/v1/instructor/courses/" + UUID.randomUUID() + "/analytics").status())
                .isEqualTo(404);
    }

    @Test
    void adminSeesPlatformTotals() {
        Caller admin = Caller.admin();
        long studentsBefore = api.get(admin, "/api/v1/admin/analytics").body().path("users_by_role").path("student").asLong();
        kafka.publish(new UserRegistered(UUID.randomUUID(), Instant.now(), ada.id(), "ada@example.com", "Ada", "L",
                Role.STUDENT));
        enroll(ada);
        heartbeat(ada, 36, List.of(List.of(0.0, 36.0)));

        Eventually.assertThat(() -> {
            JsonNode totals = api.get(admin, "/api/v1/admin/analytics").body();
            assertThat(totals.path("users_by_role").path("student").asLong()).isEqualTo(studentsBefore + 1);
            assertThat(totals.path("watch_hours").asDouble()).isGreaterThanOrEqualTo(0.01);
            assertThat(totals.path("courses").asLong()).isPositive();
            assertThat(totals.path("ready_lecture_hours").asDouble()).isGreaterThan(0);
            assertThat(totals.path("enrollments").asLong()).isPositive();
        });
        assertThat(api.get(owner, "/api/v1/admin/analytics").status()).isEqualTo(403);
    }

    @Test
    void poisonProgressRecordGoesToTheDeadLetterTopic() {
        kafka.createTopics(1, Topics.PROGRESS + ".dlt");
        try (KafkaTestConsumer dlt = kafka.consumeFromNow(Topics.PROGRESS + ".dlt");
             var producer = new KafkaProducer<String, String>(producerProperties())) {
            String key = "poison-" + UUID.randomUUID();
            producer.send(new ProducerRecord<>(Topics.PROGRESS, key, "{\"event_type\": \"lecture.progressed\"}"));
            producer.flush();
            dlt.awaitRecord(r -> r.key().equals(key));
        }
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return p;
    }

    private StudentEnrolled enroll(Caller student) {
        StudentEnrolled event = new StudentEnrolled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), student.id(),
                UUID.fromString(courseId));
        kafka.publish(event);
        Eventually.assertThat(() -> assertThat(api.get(student, "/api/v1/me/courses").body().path("items")
                .valueStream().map(c -> c.path("id").asString())).contains(courseId));
        return event;
    }

    private void heartbeat(Caller student, double position, List<List<Double>> ranges) {
        Response r = api.put(student, "/api/v1/lectures/" + lectureId + "/progress",
                Map.of("position_seconds", position, "watched_ranges", ranges));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    private String path() {
        return "/api/v1/instructor/courses/" + courseId + "/analytics";
    }

    private JsonNode analytics(Caller caller) {
        Response r = api.get(caller, path());
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }
}
