package dev.lectern.platform.e2e;

import static dev.lectern.platform.e2e.Api.bearer;
import static dev.lectern.platform.e2e.Api.json;
import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.asset.AssetReady;
import dev.lectern.platform.e2e.Accounts.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Learning progress and instructor analytics through the gateway on the real platform (issue: learning progress
 * and instructor analytics). Lectures become ready from asset events published straight to the platform's Kafka,
 * as webhook-service would publish them.
 */
class ProgressAndAnalyticsIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(30);
    private static final double DURATION = 120.0;

    private final Tokens instructor = Accounts.login(Accounts.register("instructor"));

    @Test
    void heartbeatsMergeResumeCompleteAndShowInTheInstructorsAnalytics() throws Exception {
        Course course = readyCourse();
        Tokens student = enrolledStudent(course.id());
        Api api = Api.gateway();

        JsonNode once = ok(heartbeat(api, student, course.first(), 20, List.of(List.of(0.0, 20.0))));
        JsonNode twice = ok(heartbeat(api, student, course.first(), 20, List.of(List.of(0.0, 20.0))));
        ok(heartbeat(api, student, course.first(), 45, List.of(List.of(15.0, 30.0), List.of(40.0, 45.0))));
        JsonNode overlapped = ok(heartbeat(api, student, course.first(), 44, List.of(List.of(29.0, 41.0))));

        assertThat(ranges(twice)).isEqualTo(ranges(once)).containsExactly(List.of(0.0, 20.0));
        assertThat(ranges(overlapped)).containsExactly(List.of(0.0, 45.0));
        assertThat(overlapped.path("position_seconds").asDouble()).isEqualTo(44.0);
        assertThat(overlapped.path("completed").asBoolean()).isFalse();

        // two tabs writing at once: every range of both survives
        List<String> failures = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> tabs = new ArrayList<>();
        for (int tab = 0; tab < 2; tab++) {
            int t = tab;
            tabs.add(Thread.ofPlatform().start(() -> {
                Api own = Api.gateway();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 8; i++) {
                    double from = 50 + (i * 2 + t) * 4.0;
                    Api.Response r = heartbeat(own, student, course.first(), from + 2, List.of(List.of(from, from + 2)));
                    if (r.status() != 200) {
                        failures.add(r.toString());
                    }
                }
            }));
        }
        go.countDown();
        for (Thread tab : tabs) {
            tab.join();
        }
        assertThat(failures).isEmpty();
        JsonNode lecture = progress(api, student, course.id()).path("lectures").get(0);
        List<List<Double>> expected = new ArrayList<>(List.of(List.of(0.0, 45.0)));
        for (int k = 0; k < 16; k++) {
            expected.add(List.of(50 + k * 4.0, 52 + k * 4.0));
        }
        assertThat(ranges(lecture)).containsExactlyElementsOf(expected);
        assertThat(lecture.path("watched_seconds").asDouble()).isEqualTo(45 + 32);

        JsonNode done = ok(heartbeat(api, student, course.first(), 119, List.of(List.of(45.0, 120.0))));
        assertThat(done.path("completed").asBoolean()).isTrue();
        JsonNode again = ok(heartbeat(api, student, course.first(), 120, List.of(List.of(0.0, 120.0))));
        assertThat(again.path("completed_at").asString()).isEqualTo(done.path("completed_at").asString());
        ok(heartbeat(api, student, course.second(), 30, List.of(List.of(0.0, 30.0))));

        JsonNode progress = progress(api, student, course.id());
        assertThat(progress.path("completion_percentage").asDouble()).isEqualTo(33.3); // one of three ready lectures
        assertThat(progress.path("resume").path("lecture_id").asString()).isEqualTo(course.second());
        assertThat(progress.path("resume").path("position_seconds").asDouble()).isEqualTo(30.0);
        JsonNode mine = ok(api.get("/api/v1/me/courses", bearer(student.accessToken()))).path("items").get(0);
        assertThat(mine.path("completion_percentage").asDouble()).isEqualTo(33.3); // one of three ready lectures
        assertThat(mine.path("resume_lecture_id").asString()).isEqualTo(course.second());

        JsonNode analytics = awaitAnalytics(api, course.id(), a -> a.path("lectures").get(0).path("completions").asInt() == 1
                && a.path("lectures").get(1).path("viewers").asInt() == 1);
        JsonNode first = analytics.path("lectures").get(0);
        assertThat(first.path("viewers").asInt()).isEqualTo(1);
        assertThat(first.path("completion_rate").asDouble()).isEqualTo(1.0);
        assertThat(first.path("average_coverage").asDouble()).isEqualTo(1.0);
        assertThat(first.path("drop_off").valueStream().map(JsonNode::asDouble).distinct().toList()).containsExactly(1.0);
        JsonNode second = analytics.path("lectures").get(1);
        assertThat(second.path("average_coverage").asDouble()).isEqualTo(0.25);
        // [0, 30] covers the middles of the first three tenths (6, 18 and 30 s)
        assertThat(second.path("drop_off").valueStream().map(JsonNode::asDouble).toList())
                .containsExactly(1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(analytics.path("enrolled_students").asInt()).isEqualTo(1);
        assertThat(analytics.path("active_learners").path("last_7_days").asInt()).isEqualTo(1);
        assertThat(analytics.path("enrollments_over_time").get(0).path("started").asInt()).isEqualTo(1);

        Tokens otherInstructor = Accounts.login(Accounts.register("instructor"));
        assertProblem(api.get("/api/v1/instructor/courses/" + course.id() + "/analytics",
                bearer(otherInstructor.accessToken())), 403, "forbidden");
        assertProblem(api.get("/api/v1/admin/analytics", bearer(instructor.accessToken())), 403, "forbidden");
        JsonNode totals = ok(api.get("/api/v1/admin/analytics", bearer(Accounts.admin().accessToken())));
        assertThat(totals.path("users_by_role").path("admin").asLong()).isPositive();
        assertThat(totals.path("ready_lecture_hours").asDouble()).isPositive();
        assertThat(totals.path("watch_hours").asDouble()).isPositive();
    }

    @Test
    void notEnrolledIs403FreePreviewIsOpenAndBadRangesAre400() {
        Course course = readyCourse();
        Tokens stranger = Accounts.login(Accounts.register("student"));
        Tokens student = enrolledStudent(course.id());
        Api api = Api.gateway();

        assertProblem(heartbeat(api, stranger, course.first(), 5, List.of(List.of(0.0, 5.0))), 403, "forbidden");
        ok(heartbeat(api, stranger, course.preview(), 5, List.of(List.of(0.0, 5.0))));
        assertProblem(heartbeat(api, student, UUID.randomUUID().toString(), 5, List.of()), 404, "not-found");

        for (List<Double> bad : List.of(List.of(-1.0, 5.0), List.of(10.0, 5.0), List.of(100.0, DURATION + 5))) {
            assertProblem(heartbeat(api, student, course.first(), 5, List.of(bad)), 400, "validation");
        }
        List<List<Double>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(List.of(0.0, 1.0));
        }
        assertProblem(heartbeat(api, student, course.first(), 5, tooMany), 400, "validation");
        assertThat(progress(api, student, course.id()).path("lectures").get(0).path("watched_seconds").asDouble()).isZero();
    }

    private record Course(String id, String first, String second, String preview) {
    }

    /** A published course whose three lectures (the last a free preview) are ready with a known duration. */
    private Course readyCourse() {
        Api api = Api.gateway();
        Api.Response created = api.post("/api/v1/courses", json("title", "Progress e2e", "description", "d",
                "category", "e2e-progress", "subcategory", "video", "premium", false, "tags", List.of("e2e")),
                bearer(instructor.accessToken()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        List<String> lectures = new ArrayList<>();
        for (String title : List.of("First", "Second", "Preview")) {
            Api.Response added = api.post("/api/v1/courses/" + id + "/lectures",
                    json("title", title, "free_preview", title.equals("Preview")), bearer(instructor.accessToken()));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            lectures.add(added.json().path("id").asString());
        }
        assertThat(api.post("/api/v1/courses/" + id + "/publish", null, bearer(instructor.accessToken())).status())
                .isEqualTo(200);
        lectures.forEach(ProgressAndAnalyticsIT::publishReady);
        awaitCourse(api, id, c -> c.path("lecture_count").asInt() == 3);
        return new Course(id, lectures.get(0), lectures.get(1), lectures.get(2));
    }

    /** Publishes {@code asset.ready} for the lecture, as webhook-service does on Mux's webhook. */
    private static void publishReady(String lectureId) {
        AssetReady ready = new AssetReady(UUID.randomUUID(), Instant.now(), UUID.fromString(lectureId),
                UUID.randomUUID().toString(), "e2e-asset-" + lectureId, "e2e-upload-" + lectureId, List.of(), DURATION,
                "16:9", "1080p");
        EventCodec.Encoded encoded = EventCodec.encode(ready);
        var record = new ProducerRecord<>(encoded.topic(), encoded.key(), encoded.json());
        record.headers().add(EventCodec.EVENT_ID_HEADER, encoded.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventCodec.EVENT_TYPE_HEADER, encoded.eventType().getBytes(StandardCharsets.UTF_8));
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedPlatform.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish asset.ready", e);
        }
    }

    /** A student enrolled in the course, once course-service has learned of the enrollment. */
    private Tokens enrolledStudent(String courseId) {
        Tokens student = Accounts.login(Accounts.register("student"));
        Api api = Api.gateway();
        try {
            // auth-service learns of the published course from Kafka: until then it answers 404
            poll(() -> {
                Api.Response r = api.post("/api/v1/subscriptions", json("course_id", courseId),
                        bearer(student.accessToken()));
                return r.status() == 201 ? api.get("/api/v1/me/courses", bearer(student.accessToken())) : r;
            }, any -> true);
            poll(() -> api.get("/api/v1/me/courses", bearer(student.accessToken())),
                    mine -> mine.path("items").valueStream().anyMatch(i -> i.path("id").asString().equals(courseId)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return student;
    }

    private static Api.Response heartbeat(Api api, Tokens student, String lectureId, double position,
                                          List<List<Double>> ranges) {
        return api.send("PUT", "/api/v1/lectures/" + lectureId + "/progress",
                json("position_seconds", position, "watched_ranges", ranges), bearer(student.accessToken()));
    }

    private static JsonNode progress(Api api, Tokens student, String courseId) {
        return ok(api.get("/api/v1/courses/" + courseId + "/progress", bearer(student.accessToken())));
    }

    /** Polls gently (the gateway limits each user to 50 requests a minute by default). */
    private JsonNode awaitAnalytics(Api api, String courseId, Predicate<JsonNode> ready) throws InterruptedException {
        return poll(() -> api.get("/api/v1/instructor/courses/" + courseId + "/analytics",
                bearer(instructor.accessToken())), ready);
    }

    private void awaitCourse(Api api, String courseId, Predicate<JsonNode> ready) {
        try {
            poll(() -> api.get("/api/v1/courses/" + courseId), ready);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode poll(java.util.function.Supplier<Api.Response> request, Predicate<JsonNode> ready)
            throws InterruptedException {
        long giveUp = System.nanoTime() + EVENTUAL.toNanos();
        Api.Response last;
        do {
            last = request.get();
            if (last.status() == 200 && ready.test(last.json())) {
                return last.json();
            }
            Thread.sleep(750);
        } while (System.nanoTime() < giveUp);
        throw new AssertionError("not as expected within " + EVENTUAL.toSeconds() + " s: " + last);
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<List<Double>> ranges(JsonNode progress) {
        List<List<Double>> ranges = new ArrayList<>();
        progress.path("watched_ranges").forEach(r -> ranges.add(List.of(r.get(0).asDouble(), r.get(1).asDouble())));
        return ranges;
    }
}
