package dev.lectern.course.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.course.CourseCreated;
import dev.lectern.contracts.course.CourseEvent;
import dev.lectern.contracts.course.CourseUpdated;
import dev.lectern.contracts.enrollment.EnrollmentEnded;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import dev.lectern.course.ServiceUnderTest;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.ServiceClient.Response;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** What course-service publishes through its outbox, and the enrollment read model it keeps. */
class CourseEventsTest extends ServiceUnderTest {

    @Autowired
    MongoTemplate mongo;

    final Caller owner = Caller.instructor();

    @Test
    void anEventLeavesInTheTraceOfTheRequestThatCausedIt() {
        String traceId = "7d3c0f9e8b1a4c2d9e8f7a6b5c4d3e2f";
        try (KafkaTestConsumer courses = TestInfrastructure.kafka().consumeFromNow(Topics.COURSES)) {
            Response created = api.send(owner, "POST", "/api/v1/courses", Map.of("title", "Traced", "category", "c"),
                    Map.of("traceparent", "00-" + traceId + "-0123456789abcdef-01"));
            assertThat(created.status()).isEqualTo(201);

            ConsumerRecord<String, String> record = courses.awaitRecord(r -> r.key().equals(created.text("id")));

            assertThat(KafkaTestConsumer.header(record, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        }
    }

    @Test
    void courseChangesArePublishedInOrderAndConformToTheContract() {
        try (KafkaTestConsumer courses = TestInfrastructure.kafka().consumeFromNow(Topics.COURSES)) {
            String id = api.post(owner, "/api/v1/courses", Map.of("title", "Evented", "category", "c")).text("id");
            String lectureId = api.post(owner, "/api/v1/courses/" + id + "/lectures", Map.of("title", "One")).text("id");
            api.post(owner, "/api/v1/courses/" + id + "/publish", null);
            api.delete(owner, "/api/v1/courses/" + id + "/lectures/" + lectureId);

            List<ConsumerRecord<String, String>> records = courses.awaitRecords(4, r -> r.key().equals(id));

            assertThat(records).extracting(r -> KafkaTestConsumer.header(r, EventCodec.EVENT_TYPE_HEADER))
                    .containsExactly("course.created", "lecture.added", "course.published", "lecture.removed");
            List<Long> versions = records.stream().map(r -> decode(r).courseVersion()).toList();
            assertThat(versions).isSorted().doesNotHaveDuplicates();
            for (ConsumerRecord<String, String> r : records) {
                var encoded = new EventCodec.Encoded(Topics.COURSES, r.key(), KafkaTestConsumer.header(r, "event_id"),
                        KafkaTestConsumer.header(r, "event_type"), r.value().getBytes(StandardCharsets.UTF_8));
                assertThat(EventContracts.violations(encoded)).as(encoded.eventType()).isEmpty();
            }
            Eventually.assertThat(() -> assertThat(mongo.getCollection("courses")
                    .find(new org.bson.Document("_id", id)).first().getList("pendingEvents", Object.class)).isEmpty());
        }
    }

    @Test
    void courseAskingForDrmSaysSoInItsEventsUntilTheOwnerTurnsItOff() {
        try (KafkaTestConsumer courses = TestInfrastructure.kafka().consumeFromNow(Topics.COURSES)) {
            String id = api.post(owner, "/api/v1/courses", Map.of("title", "Protected", "category", "c", "drm", true))
                    .text("id");
            assertThat(api.get(owner, "/api/v1/courses/" + id).body().path("drm").asBoolean()).isTrue();
            api.patch(owner, "/api/v1/courses/" + id, Map.of("drm", false));

            List<ConsumerRecord<String, String>> records = courses.awaitRecords(2, r -> r.key().equals(id));

            assertThat(records).extracting(CourseEventsTest::decode)
                    .extracting(e -> e instanceof CourseCreated c ? c.course().drm() : ((CourseUpdated) e).course().drm())
                    .containsExactly(true, false);
        }
    }

    @Test
    void deletedCourseIsAnnouncedThenRemovedFromTheStore() {
        try (KafkaTestConsumer courses = TestInfrastructure.kafka().consumeFromNow(Topics.COURSES)) {
            String id = api.post(owner, "/api/v1/courses", Map.of("title", "Short-lived", "category", "c")).text("id");
            api.delete(owner, "/api/v1/courses/" + id);

            courses.awaitRecord(r -> r.key().equals(id)
                    && "course.deleted".equals(KafkaTestConsumer.header(r, EventCodec.EVENT_TYPE_HEADER)));
            Eventually.assertThat(() -> assertThat(mongo.getCollection("courses")
                    .countDocuments(new org.bson.Document("_id", id))).isZero());
        }
    }

    @Test
    void enrolledStudentSeesTheCourseUnderMeCoursesAndItsFullLectures() {
        Caller student = Caller.student();
        String courseId = publishedCourse("Enroll me");
        UUID enrollmentId = UUID.randomUUID();

        Response outline = api.get(student, "/api/v1/courses/" + courseId + "/lectures");
        assertThat(outline.body().get(0).has("video_state")).isFalse();

        kafka.publish(new StudentEnrolled(UUID.randomUUID(), Instant.now(), enrollmentId, student.id(), UUID.fromString(courseId)));

        Eventually.assertThat(() -> assertThat(courseIds(api.get(student, "/api/v1/me/courses"))).containsExactly(courseId));
        Response full = api.get(student, "/api/v1/courses/" + courseId + "/lectures");
        assertThat(full.body().get(0).path("video_state").asString()).isEqualTo("awaiting_upload");
        assertThat(api.get(student, "/api/v1/me/courses").body().path("items").get(0).has("enrolled_at")).isTrue();
    }

    @Test
    void redeliveredAndLateEnrollmentEventsLeaveTheRightState() {
        Caller student = Caller.student();
        String courseId = publishedCourse("Come and go");
        UUID enrollmentId = UUID.randomUUID();
        var enrolled = new StudentEnrolled(UUID.randomUUID(), Instant.now(), enrollmentId, student.id(),
                UUID.fromString(courseId));
        var ended = new EnrollmentEnded(UUID.randomUUID(), Instant.now(), enrollmentId, student.id(),
                UUID.fromString(courseId));

        kafka.publish(enrolled);
        kafka.publish(enrolled);
        Eventually.assertThat(() -> assertThat(api.get(student, "/api/v1/me/courses").body().path("total_items").asInt())
                .isEqualTo(1));

        kafka.publish(ended);
        kafka.publish(enrolled);
        Eventually.assertThat(() -> assertThat(courseIds(api.get(student, "/api/v1/me/courses"))).isEmpty());
        Response lectures = api.get(student, "/api/v1/courses/" + courseId + "/lectures");
        assertThat(lectures.body().get(0).has("video_state")).isFalse();
    }

    @Test
    void meCoursesNeedsAToken() {
        assertThat(api.get(Caller.anonymous(), "/api/v1/me/courses").status()).isEqualTo(401);
    }

    private String publishedCourse(String title) {
        String id = api.post(owner, "/api/v1/courses", Map.of("title", title, "category", "c")).text("id");
        api.post(owner, "/api/v1/courses/" + id + "/lectures", Map.of("title", "Lecture", "free_preview", true));
        assertThat(api.post(owner, "/api/v1/courses/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    private static List<String> courseIds(Response response) {
        return response.body().path("items").valueStream().map(i -> i.path("id").asString()).toList();
    }

    private static CourseEvent decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(Topics.COURSES, record.value().getBytes(StandardCharsets.UTF_8), CourseEvent.class)
                .orElseThrow();
    }
}
