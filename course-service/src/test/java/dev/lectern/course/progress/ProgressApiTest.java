package dev.lectern.course.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.asset.AssetReady;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import dev.lectern.contracts.progress.LectureProgressed;
import dev.lectern.contracts.progress.ProgressEvent;
import dev.lectern.course.ServiceUnderTest;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.ServiceClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Heartbeats, resume and completion, and the progress events they publish. */
class ProgressApiTest extends ServiceUnderTest {

    static final double DURATION = 100.0;

    final Caller owner = Caller.instructor();
    final Caller student = Caller.student();

    String courseId;
    String first;
    String second;
    String preview;

    @BeforeEach
    void setUp() {
        courseId = api.post(owner, "/api/v1/courses", Map.of("title", "Progress", "category", "c")).text("id");
        first = lecture("One", false);
        second = lecture("Two", false);
        preview = lecture("Teaser", true);
        api.post(owner, "/api/v1/courses/" + courseId + "/publish", null);
        for (String lecture : List.of(first, second, preview)) {
            ready(lecture, DURATION);
        }
        enroll(student, courseId);
    }

    @Test
    void duplicateAndOverlappingHeartbeatsMergeIntoDisjointRangesWithTheLatestPosition() {
        heartbeat(student, first, 10, List.of(List.of(0.0, 10.0)));
        Response same = heartbeat(student, first, 10, List.of(List.of(0.0, 10.0)));
        heartbeat(student, first, 30, List.of(List.of(5.0, 20.0), List.of(25.0, 30.0)));
        Response last = heartbeat(student, first, 28, List.of(List.of(18.0, 26.0)));

        assertThat(same.status()).isEqualTo(200);
        assertThat(ranges(same.body())).containsExactly(List.of(0.0, 10.0));
        assertThat(last.status()).as(last.body().toString()).isEqualTo(200);
        assertThat(ranges(last.body())).containsExactly(List.of(0.0, 30.0));
        assertThat(last.body().path("position_seconds").asDouble()).isEqualTo(28.0);
        assertThat(last.body().path("coverage").asDouble()).isEqualTo(0.3);
        assertThat(last.body().path("completed").asBoolean()).isFalse();

        JsonNode progress = api.get(student, "/api/v1/courses/" + courseId + "/progress").body();
        JsonNode one = progress.path("lectures").get(0);
        assertThat(one.path("lecture_id").asString()).isEqualTo(first);
        assertThat(one.path("position_seconds").asDouble()).isEqualTo(28.0);
        assertThat(one.path("watched_seconds").asDouble()).isEqualTo(30.0);
        assertThat(progress.path("resume").path("lecture_id").asString()).isEqualTo(first);
        assertThat(progress.path("resume").path("position_seconds").asDouble()).isEqualTo(28.0);
        assertThat(progress.path("completion_percentage").asDouble()).isZero();
    }

    @Test
    void lectureCompletesOnceAtTheThresholdAndTheCoursePercentageAndResumeFollow() {
        try (KafkaTestConsumer events = kafka.consumeFromNow(Topics.PROGRESS)) {
            heartbeat(student, first, 50, List.of(List.of(0.0, 50.0)));
            Response done = heartbeat(student, first, 91, List.of(List.of(50.0, 91.0)));
            Response again = heartbeat(student, first, 100, List.of(List.of(91.0, 100.5)));

            assertThat(done.body().path("completed").asBoolean()).isTrue();
            String completedAt = done.body().path("completed_at").asString();
            assertThat(again.body().path("completed_at").asString()).isEqualTo(completedAt);
            assertThat(ranges(again.body())).containsExactly(List.of(0.0, 100.0));

            JsonNode progress = api.get(student, "/api/v1/courses/" + courseId + "/progress").body();
            assertThat(progress.path("completed_lectures").asInt()).isEqualTo(1);
            assertThat(progress.path("completion_percentage").asDouble()).isEqualTo(33.3);
            assertThat(progress.path("resume").path("lecture_id").asString()).isEqualTo(second);
            JsonNode mine = api.get(student, "/api/v1/me/courses").body().path("items").get(0);
            assertThat(mine.path("completion_percentage").asDouble()).isEqualTo(33.3);
            assertThat(mine.path("resume_lecture_id").asString()).isEqualTo(second);

            List<ConsumerRecord<String, String>> records = events.awaitRecords(4, r -> r.key().equals(first));
            assertThat(records).extracting(r -> KafkaTestConsumer.header(r, EventCodec.EVENT_TYPE_HEADER))
                    .containsExactly("lecture.progressed", "lecture.progressed", "lecture.completed", "lecture.progressed");
            for (ConsumerRecord<String, String> r : records) {
                var encoded = new EventCodec.Encoded(Topics.PROGRESS, r.key(), KafkaTestConsumer.header(r, "event_id"),
                        KafkaTestConsumer.header(r, "event_type"), r.value().getBytes(StandardCharsets.UTF_8));
                assertThat(EventContracts.violations(encoded)).as(encoded.eventType()).isEmpty();
            }
            LectureProgressed second = (LectureProgressed) EventCodec.decode(Topics.PROGRESS,
                    records.get(1).value().getBytes(StandardCharsets.UTF_8), ProgressEvent.class).orElseThrow();
            assertThat(second.newlyWatched()).extracting(w -> List.of(w.start(), w.end()))
                    .containsExactly(List.of(50.0, 91.0));
            assertThat(second.studentId()).isEqualTo(student.id());
        }
    }

    @Test
    void twoConcurrentWritersLoseNoRange() throws Exception {
        int perWriter = 25;
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> failures = new CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perWriter; i++) {
                    double from = (i * 2 + writer) * 2.0; // writer 0: [0,1],[4,5]...; writer 1: [2,3],[6,7]...
                    Response r = heartbeat(student, second, from + 1, List.of(List.of(from, from + 1)));
                    if (r.status() != 200) {
                        failures.add(r.status());
                    }
                }
            }));
        }
        start.countDown();
        for (Thread t : writers) {
            t.join();
        }

        assertThat(failures).isEmpty();
        JsonNode lecture = api.get(student, "/api/v1/courses/" + courseId + "/progress").body().path("lectures").get(1);
        List<List<Double>> expected = new ArrayList<>();
        for (int k = 0; k < perWriter * 2; k++) {
            expected.add(List.of(k * 2.0, k * 2.0 + 1));
        }
        assertThat(ranges(lecture)).containsExactlyElementsOf(expected);
        assertThat(lecture.path("watched_seconds").asDouble()).isEqualTo(perWriter * 2.0);
    }

    @Test
    void studentNotEnrolledIsForbiddenButFreePreviewIsOpenToAnySignedInUser() {
        Caller stranger = Caller.student();

        Response refused = heartbeat(stranger, first, 5, List.of(List.of(0.0, 5.0)));
        Response previewed = heartbeat(stranger, preview, 5, List.of(List.of(0.0, 5.0)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(previewed.status()).as(previewed.body().toString()).isEqualTo(200);
        assertThat(heartbeat(Caller.anonymous(), preview, 5, List.of(List.of(0.0, 5.0))).status()).isEqualTo(401);
        assertThat(api.get(Caller.anonymous(), "/api/v1/courses/" + courseId + "/progress").status()).isEqualTo(401);
    }

    @Test
    void unknownLectureIs404AndLectureWithoutVideoIs409() {
        String noVideo = lecture("Not uploaded", false);

        assertThat(heartbeat(student, UUID.randomUUID().toString(), 1, List.of()).status()).isEqualTo(404);
        assertThat(heartbeat(student, "not-a-uuid", 1, List.of()).status()).isEqualTo(400);
        Response conflict = heartbeat(student, noVideo, 1, List.of(List.of(0.0, 1.0)));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.text("type")).endsWith("/conflict");
    }

    @Test
    void badRangesAndPositionsAre400WithTheOffendingField() {
        Map<String, Object> tooMany = Map.of("position_seconds", 1,
                "watched_ranges", java.util.stream.IntStream.range(0, 101).mapToObj(i -> List.of(0, 1)).toList());
        List<Object> bodies = List.of(
                Map.of("position_seconds", 1, "watched_ranges", List.of(List.of(-1, 5))),
                Map.of("position_seconds", 1, "watched_ranges", List.of(List.of(10, 5))),
                Map.of("position_seconds", 1, "watched_ranges", List.of(List.of(90, 101.5))),
                Map.of("position_seconds", 1, "watched_ranges", List.of(List.of(1, 2, 3))),
                Map.of("position_seconds", -3, "watched_ranges", List.of()),
                Map.of("position_seconds", 1),
                "{\"position_seconds\": 1, \"watched_ranges\": [[1, \"x\"]]}",
                tooMany);
        for (Object body : bodies) {
            Response r = api.put(student, "/api/v1/lectures/" + first + "/progress", body);
            assertThat(r.status()).as(body.toString() + " -> " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        Response bad = api.put(student, "/api/v1/lectures/" + first + "/progress",
                Map.of("position_seconds", 1, "watched_ranges", List.of(List.of(0, 1), List.of(10, 5))));
        assertThat(bad.body().path("errors").get(0).path("field").asString()).isEqualTo("watched_ranges[1]");
        assertThat(api.get(student, "/api/v1/courses/" + courseId + "/progress").body().path("lectures").get(0)
                .path("watched_seconds").asDouble()).isZero();
    }

    @Test
    void heartbeatThatWouldFragmentTheRangesBeyondTheLimitIs400AndStoresNothing() {
        Response last = null;
        for (int request = 0; request < 11; request++) {
            List<List<Double>> ranges = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                double from = (request * 100 + i) * 0.09; // 0.05 s watched, 0.04 s gap
                ranges.add(List.of(from, from + 0.05));
            }
            last = heartbeat(student, first, 1, ranges);
        }

        assertThat(last.status()).isEqualTo(400);
        assertThat(last.body().path("errors").get(0).path("field").asString()).isEqualTo("watched_ranges");
        assertThat(api.get(student, "/api/v1/courses/" + courseId + "/progress").body().path("lectures").get(0)
                .path("watched_ranges").size()).isEqualTo(1000);
    }

    Response heartbeat(Caller caller, String lectureId, double position, List<List<Double>> ranges) {
        return api.put(caller, "/api/v1/lectures/" + lectureId + "/progress",
                Map.of("position_seconds", position, "watched_ranges", ranges));
    }

    static List<List<Double>> ranges(JsonNode progress) {
        List<List<Double>> ranges = new ArrayList<>();
        progress.path("watched_ranges").forEach(r -> ranges.add(List.of(r.get(0).asDouble(), r.get(1).asDouble())));
        return ranges;
    }

    String lecture(String title, boolean freePreview) {
        return api.post(owner, "/api/v1/courses/" + courseId + "/lectures",
                Map.of("title", title, "free_preview", freePreview)).text("id");
    }

    void ready(String lectureId, double duration) {
        kafka.publish(new AssetReady(UUID.randomUUID(), Instant.now(), UUID.fromString(lectureId),
                UUID.randomUUID().toString(), "asset-" + lectureId, "upload-" + lectureId, List.of(), duration, "16:9",
                "1080p"));
        Eventually.assertThat(() -> assertThat(api.get(owner, "/api/v1/courses/" + courseId + "/lectures").body()
                .valueStream().filter(l -> l.path("id").asString().equals(lectureId))
                .map(l -> l.path("video_state").asString())).containsExactly("ready"));
    }

    void enroll(Caller who, String course) {
        kafka.publish(new StudentEnrolled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), who.id(),
                UUID.fromString(course)));
        Eventually.assertThat(() -> assertThat(api.get(who, "/api/v1/me/courses").body().path("total_items").asInt())
                .isEqualTo(1));
    }
}
