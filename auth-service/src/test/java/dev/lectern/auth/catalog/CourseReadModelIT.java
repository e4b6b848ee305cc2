package dev.lectern.auth.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.auth.enrollment.EnrollmentIntegrationTest;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.course.CourseDeleted;
import dev.lectern.contracts.course.CoursePublished;
import dev.lectern.contracts.course.CourseUnpublished;
import dev.lectern.contracts.course.CourseUpdated;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/** course-service's events, produced to the real Kafka, decide what can be enrolled in. */
class CourseReadModelIT extends EnrollmentIntegrationTest {

    @Autowired
    CatalogCourses catalog;

    /**
     * Consumer-side contract test: the topic's sample document of {@code eventType}, as published, with the ids and
     * version set so each test has a course of its own.
     */
    private static void publishSample(String eventType, UUID courseId, UUID instructorId, long version) {
        ObjectNode sample = (ObjectNode) JSON.readTree(EventContracts.sample(Topics.COURSES, eventType));
        sample.put("event_id", UUID.randomUUID().toString());
        sample.put("course_id", courseId.toString());
        sample.put("course_version", version);
        if (sample.has("course")) {
            ((ObjectNode) sample.get("course")).put("instructor_id", instructorId.toString());
        }
        if (sample.has("instructor_id")) {
            sample.put("instructor_id", instructorId.toString());
        }
        publishRaw(null, courseId.toString(), eventType, JSON.writeValueAsBytes(sample));
    }

    /** A course published on partition 0 and awaited: everything sent before it on partition 0 has been consumed. */
    private UUID markerAfterPartitionZero() {
        UUID marker = UUID.randomUUID();
        publish(0, new CoursePublished(UUID.randomUUID(), Instant.now(), marker, 1,
                details(UUID.randomUUID(), false, true)));
        awaitVersion(marker, 1);
        return marker;
    }

    @Test
    void contractSamplesOfEveryCourseEventDriveEnrollability() {
        UUID course = UUID.randomUUID();
        UUID instructor = UUID.randomUUID();
        String student = caller("student").token();

        publishSample("course.published", course, instructor, 1);
        awaitVersion(course, 1);
        assertThat(catalog.find(course).orElseThrow())
                .isEqualTo(new CatalogCourse(course, instructor, false, true, false, 1));
        assertThat(enroll(student, course).status()).isEqualTo(201);

        publishSample("course.updated", course, instructor, 2);
        awaitVersion(course, 2);
        assertThat(catalog.find(course).orElseThrow().enrollable()).isTrue();

        publishSample("course.unpublished", course, instructor, 3);
        awaitVersion(course, 3);
        assertThat(enroll(caller("student").token(), course).status()).isEqualTo(404);

        publishSample("course.deleted", course, instructor, 4);
        awaitVersion(course, 4);
        assertThat(catalog.find(course).orElseThrow().deleted()).isTrue();
    }

    @Test
    void createdSampleIsStoredAndLectureSamplesAreIgnored() {
        UUID course = UUID.randomUUID();
        UUID instructor = UUID.randomUUID();
        UUID lectureOnly = UUID.randomUUID();

        publishSample("course.created", course, instructor, 1);
        awaitVersion(course, 1);
        for (String lectureEvent : List.of("lecture.added", "lecture.changed", "lecture.ready", "lecture.removed")) {
            publishSample(lectureEvent, lectureOnly, instructor, 1);
        }
        publishSample("course.updated", lectureOnly, instructor, 7); // same key, so after the lecture events
        awaitVersion(lectureOnly, 7);

        assertThat(catalog.find(course).orElseThrow().instructorId()).isEqualTo(instructor);
    }

    @Test
    void unpublishedDeletedAndUnknownCoursesAnswer404() {
        UUID instructor = UUID.randomUUID();
        String student = caller("student").token();
        UUID draft = UUID.randomUUID();
        publish(new CourseUpdated(UUID.randomUUID(), Instant.now(), draft, 1, details(instructor, false, false)));
        UUID unpublished = publishedCourse(instructor, false);
        publish(new CourseUnpublished(UUID.randomUUID(), Instant.now(), unpublished, 2,
                details(instructor, false, false)));
        UUID deleted = publishedCourse(instructor, false);
        publish(new CourseDeleted(UUID.randomUUID(), Instant.now(), deleted, 2, instructor, List.of()));
        awaitVersion(draft, 1);
        awaitVersion(unpublished, 2);
        awaitVersion(deleted, 2);

        for (UUID course : List.of(draft, unpublished, deleted, UUID.randomUUID())) {
            Reply reply = enroll(student, course);
            assertThat(reply.status()).as(course.toString()).isEqualTo(404);
            assertThat(reply.problemType()).isEqualTo("not-found");
        }
    }

    @Test
    void republishingMakesACourseEnrollableAgain() {
        UUID instructor = UUID.randomUUID();
        UUID course = publishedCourse(instructor, false);
        publish(new CourseUnpublished(UUID.randomUUID(), Instant.now(), course, 2, details(instructor, false, false)));
        publish(new CoursePublished(UUID.randomUUID(), Instant.now(), course, 3, details(instructor, false, true)));
        awaitVersion(course, 3);

        assertThat(enroll(caller("student").token(), course).status()).isEqualTo(201);
    }

    @Test
    void staleAndRedeliveredEventsChangeNothing() {
        UUID instructor = UUID.randomUUID();
        UUID course = UUID.randomUUID();
        CoursePublished current = new CoursePublished(UUID.randomUUID(), Instant.now(), course, 2,
                details(instructor, true, true));
        publish(0, current);
        awaitVersion(course, 2);
        Instant updatedAt = updatedAt(course);

        publish(0, new CourseUnpublished(UUID.randomUUID(), Instant.now(), course, 1,
                details(instructor, false, false)));
        publish(0, new CourseDeleted(UUID.randomUUID(), Instant.now(), course, 2, instructor, List.of()));
        publish(0, current);
        markerAfterPartitionZero();

        assertThat(catalog.find(course).orElseThrow())
                .isEqualTo(new CatalogCourse(course, instructor, true, true, false, 2));
        assertThat(updatedAt(course)).isEqualTo(updatedAt);
    }

    @Test
    void unknownEventTypeIsSkippedAndPoisonGoesToTheDeadLetterTopic() {
        TestInfrastructure.kafka().createTopics(3, Topics.COURSES + ".dlt");
        try (KafkaTestConsumer deadLetters = TestInfrastructure.kafka().consumeFromNow(Topics.COURSES + ".dlt")) {
            String unknownKey = UUID.randomUUID().toString();
            String poisonKey = UUID.randomUUID().toString();
            publishRaw(0, unknownKey, "course.archived", """
                    {"event_type":"course.archived","event_id":"%s","occurred_at":"2026-11-21T12:00:00Z",
                     "course_id":"%s","course_version":9}""".formatted(UUID.randomUUID(), unknownKey)
                    .getBytes(StandardCharsets.UTF_8));
            publishRaw(0, poisonKey, null, "this is not an event".getBytes(StandardCharsets.UTF_8));

            markerAfterPartitionZero();

            var dead = deadLetters.awaitRecord(r -> poisonKey.equals(r.key()));
            assertThat(dead.value()).isEqualTo("this is not an event");
            assertThat(KafkaTestConsumer.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.COURSES);
            assertThat(deadLetters.records()).noneMatch(r -> unknownKey.equals(r.key()));
            assertThat(storedVersion(UUID.fromString(unknownKey))).isEqualTo(-1);
        }
    }

    private Instant updatedAt(UUID course) {
        return jdbc.sql("select updated_at from catalog_courses where course_id = :id").param("id", course)
                .query(Timestamp.class).single().toInstant();
    }
}
