package dev.lectern.auth.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.enrollment.EnrollmentEnded;
import dev.lectern.contracts.enrollment.EnrollmentEvent;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EnrollmentIT extends EnrollmentIntegrationTest {

    /** Producer-side contract test: what reached Kafka matches the sample document of its type. */
    private static EnrollmentEvent conforming(ConsumerRecord<String, String> record) {
        String eventType = KafkaTestConsumer.header(record, EventCodec.EVENT_TYPE_HEADER);
        String eventId = KafkaTestConsumer.header(record, EventCodec.EVENT_ID_HEADER);
        EventCodec.Encoded encoded = new EventCodec.Encoded(record.topic(), record.key(), eventId, eventType,
                record.value().getBytes(StandardCharsets.UTF_8));
        assertThat(EventContracts.violations(encoded)).isEmpty();
        EnrollmentEvent event = EventCodec.decode(Topics.ENROLLMENTS, encoded.json(), EnrollmentEvent.class)
                .orElseThrow();
        assertThat(event.eventId().toString()).isEqualTo(eventId);
        return event;
    }

    private static String typeOf(ConsumerRecord<String, String> record) {
        return KafkaTestConsumer.header(record, EventCodec.EVENT_TYPE_HEADER);
    }

    @Test
    void studentEnrollsInAPublishedCourseAndEnrollmentStartedIsPublishedPerContract() {
        Caller student = caller("student");
        UUID course = publishedCourse(UUID.randomUUID(), false);
        try (KafkaTestConsumer events = TestInfrastructure.kafka().consumeFromNow(Topics.ENROLLMENTS)) {
            Instant before = Instant.now().minusSeconds(1);

            Reply reply = enroll(student.token(), course);

            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            JsonNode body = reply.json();
            UUID enrollmentId = UUID.fromString(body.path("id").asString());
            assertThat(body.path("user_id").asString()).isEqualTo(student.id().toString());
            assertThat(body.path("course_id").asString()).isEqualTo(course.toString());
            assertThat(body.path("status").asString()).isEqualTo("active");
            assertThat(Instant.parse(body.path("enrolled_at").asString())).isAfter(before);

            ConsumerRecord<String, String> record = events.awaitRecord(r -> r.key().equals(course.toString()));
            assertThat(typeOf(record)).isEqualTo(StudentEnrolled.TYPE);
            StudentEnrolled event = (StudentEnrolled) conforming(record);
            assertThat(event.enrollmentId()).isEqualTo(enrollmentId);
            assertThat(event.userId()).isEqualTo(student.id());
            assertThat(event.courseId()).isEqualTo(course);
        }
    }

    @Test
    void enrollingTwiceAnswers409AndPublishesOneEvent() {
        Caller student = caller("student");
        UUID course = publishedCourse(UUID.randomUUID(), false);
        assertThat(enroll(student.token(), course).status()).isEqualTo(201);

        Reply again = enroll(student.token(), course);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.problemType()).isEqualTo("conflict");
        assertThat(outboxEvents(course, StudentEnrolled.TYPE)).isEqualTo(1);
    }

    @Test
    void concurrentEnrollsOfOneStudentLetExactlyOneSucceed() throws Exception {
        Caller student = caller("student");
        UUID course = publishedCourse(UUID.randomUUID(), false);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return enroll(student.token(), course).status();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get());
            }

            assertThat(answers).containsOnly(201, 409);
            assertThat(answers).filteredOn(s -> s == 201).hasSize(1);
        }
        assertThat(jdbc.sql("""
                        select count(*) from enrollments where user_id = :user and course_id = :course""")
                .param("user", student.id()).param("course", course).query(Long.class).single()).isEqualTo(1);
        assertThat(outboxEvents(course, StudentEnrolled.TYPE)).isEqualTo(1);
    }

    @Test
    void instructorsAndAdminsCannotEnroll() {
        UUID course = publishedCourse(UUID.randomUUID(), false);

        Reply instructor = enroll(caller("instructor").token(), course);
        Reply admin = enroll(admin().accessToken(), course);

        assertThat(instructor.status()).isEqualTo(403);
        assertThat(instructor.problemType()).isEqualTo("forbidden");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(enroll(null, course).status()).isEqualTo(401);
        assertThat(outboxEvents(course, StudentEnrolled.TYPE)).isZero();
    }

    @Test
    void unknownMissingOrMalformedCourseIdIsRefused() {
        String student = caller("student").token();

        Reply unknown = enroll(student, UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("not-found");

        Reply malformed = send("POST", "/api/v1/subscriptions", "{\"course_id\":\"not-a-uuid\"}", student);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.fields()).containsExactly("course_id");

        Reply missing = send("POST", "/api/v1/subscriptions", "{}", student);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fields()).containsExactly("course_id");

        Reply badPath = send("DELETE", "/api/v1/subscriptions/not-a-uuid", null, student);
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.fields()).containsExactly("course_id");
    }

    @Test
    void unenrollEndsTheEnrollmentPublishesEnrollmentEndedAndAllowsEnrollingAgain() {
        Caller student = caller("student");
        UUID course = publishedCourse(UUID.randomUUID(), false);
        try (KafkaTestConsumer events = TestInfrastructure.kafka().consumeFromNow(Topics.ENROLLMENTS)) {
            UUID enrollmentId = UUID.fromString(enroll(student.token(), course).text("id"));

            Reply ended = unenroll(student.token(), course);

            assertThat(ended.status()).isEqualTo(204);
            List<ConsumerRecord<String, String>> records = events.awaitRecords(2, r -> r.key().equals(course.toString()));
            assertThat(records).extracting(EnrollmentIT::typeOf)
                    .containsExactly(StudentEnrolled.TYPE, EnrollmentEnded.TYPE);
            EnrollmentEnded event = (EnrollmentEnded) conforming(records.get(1));
            assertThat(event.enrollmentId()).isEqualTo(enrollmentId);
            assertThat(event.userId()).isEqualTo(student.id());
            assertThat(event.courseId()).isEqualTo(course);
        }
        assertThat(get("/api/v1/subscriptions", student.token()).json().path("total_items").asLong()).isZero();
        Reply twice = unenroll(student.token(), course);
        assertThat(twice.status()).isEqualTo(404);
        assertThat(twice.problemType()).isEqualTo("not-found");
        assertThat(enroll(student.token(), course).status()).isEqualTo(201);
    }

    @Test
    void unenrollWithoutEnrollmentAnswers404() {
        Caller student = caller("student");
        UUID course = publishedCourse(UUID.randomUUID(), false);
        assertThat(unenroll(student.token(), course).status()).isEqualTo(404);
        assertThat(outboxEvents(course, EnrollmentEnded.TYPE)).isZero();
    }

    @Test
    void subscriptionsListTheCallersActiveEnrollmentsByPage() {
        Caller student = caller("student");
        Caller other = caller("student");
        UUID instructor = UUID.randomUUID();
        List<UUID> courses = List.of(publishedCourse(instructor, false), publishedCourse(instructor, false),
                publishedCourse(instructor, false), publishedCourse(instructor, false));
        courses.forEach(course -> assertThat(enroll(student.token(), course).status()).isEqualTo(201));
        assertThat(unenroll(student.token(), courses.get(3)).status()).isEqualTo(204);
        assertThat(enroll(other.token(), courses.get(0)).status()).isEqualTo(201);

        JsonNode first = get("/api/v1/subscriptions?page=1&size=2", student.token()).json();
        JsonNode second = get("/api/v1/subscriptions?page=2&size=2", student.token()).json();

        assertThat(first.path("page").asInt()).isEqualTo(1);
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(first.path("total_items").asLong()).isEqualTo(3);
        assertThat(first.path("total_pages").asInt()).isEqualTo(2);
        List<String> listed = new ArrayList<>();
        first.path("items").forEach(item -> listed.add(item.path("course_id").asString()));
        second.path("items").forEach(item -> listed.add(item.path("course_id").asString()));
        assertThat(listed).containsExactly(courses.get(0).toString(), courses.get(1).toString(),
                courses.get(2).toString());
        JsonNode item = first.path("items").get(0);
        assertThat(item.path("user_id").asString()).isEqualTo(student.id().toString());
        assertThat(item.path("status").asString()).isEqualTo("active");
        assertThat(item.has("id")).isTrue();
        assertThat(item.has("enrolled_at")).isTrue();

        JsonNode defaults = get("/api/v1/subscriptions", student.token()).json();
        assertThat(defaults.path("page").asInt()).isEqualTo(1);
        assertThat(defaults.path("size").asInt()).isEqualTo(20);
        assertThat(get("/api/v1/subscriptions?page=3&size=2", student.token()).json().path("items")).isEmpty();
    }

    @Test
    void badSubscriptionPagesAnswer400NamingTheParameter() {
        String student = caller("student").token();
        assertThat(get("/api/v1/subscriptions?page=0", student).fields()).containsExactly("page");
        assertThat(get("/api/v1/subscriptions?size=101", student).fields()).containsExactly("size");
        assertThat(get("/api/v1/subscriptions?size=0", student).fields()).containsExactly("size");
        assertThat(get("/api/v1/subscriptions?page=x", student).fields()).containsExactly("page");
        assertThat(get("/api/v1/subscriptions", null).status()).isEqualTo(401);
    }

    @Test
    void instructorListsTheStudentsOfTheirOwnCourseOnly() {
        Caller instructor = caller("instructor");
        Caller otherInstructor = caller("instructor");
        Caller first = caller("student");
        Caller second = caller("student");
        Caller left = caller("student");
        UUID course = publishedCourse(instructor.id(), false);
        assertThat(enroll(first.token(), course).status()).isEqualTo(201);
        assertThat(enroll(second.token(), course).status()).isEqualTo(201);
        assertThat(enroll(left.token(), course).status()).isEqualTo(201);
        assertThat(unenroll(left.token(), course).status()).isEqualTo(204);
        String path = "/api/v1/instructor/courses/" + course + "/students";

        Reply own = get(path + "?page=1&size=10", instructor.token());

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        JsonNode body = own.json();
        assertThat(body.path("total_items").asLong()).isEqualTo(2);
        assertThat(body.path("total_pages").asInt()).isEqualTo(1);
        JsonNode student = body.path("items").get(0);
        assertThat(student.path("user_id").asString()).isEqualTo(first.id().toString());
        assertThat(student.path("first_name").asString()).isEqualTo("Ada");
        assertThat(student.path("last_name").asString()).isEqualTo("Lovelace");
        assertThat(student.path("email").asString()).isEqualTo(first.account().email());
        assertThat(student.has("enrolled_at")).isTrue();
        assertThat(body.path("items").get(1).path("user_id").asString()).isEqualTo(second.id().toString());

        Reply paged = get(path + "?page=2&size=1", instructor.token());
        assertThat(paged.json().path("items")).hasSize(1);
        assertThat(paged.json().path("total_pages").asInt()).isEqualTo(2);

        Reply foreign = get(path, otherInstructor.token());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.problemType()).isEqualTo("forbidden");
        assertThat(get(path, first.token()).status()).isEqualTo(403);
        assertThat(get(path, admin().accessToken()).json().path("total_items").asLong()).isEqualTo(2);
        assertThat(get(path + "?size=101", instructor.token()).fields()).containsExactly("size");

        Reply unknown = get("/api/v1/instructor/courses/" + UUID.randomUUID() + "/students", instructor.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(get("/api/v1/instructor/courses/nope/students", instructor.token()).fields())
                .containsExactly("course_id");
    }

    private long outboxEvents(UUID course, String type) {
        return jdbc.sql("select count(*) from outbox_events where event_key = :key and event_type = :type")
                .param("key", course.toString()).param("type", type).query(Long.class).single();
    }
}
