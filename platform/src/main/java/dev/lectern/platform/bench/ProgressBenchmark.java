package dev.lectern.platform.bench;

import dev.lectern.platform.PlatformApi;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learning progress figures:
 * <ul>
 *   <li>heartbeats ({@code PUT /api/v1/lectures/{id}/progress}), each adding a new watched range, so every one is
 *   a conditional MongoDB write with an outbox event: through the gateway against straight to course-service;</li>
 *   <li>analytics lag: from a heartbeat's 200 to the instructor's analytics showing it (outbox relay, Kafka,
 *   analytics consumer, read model).</li>
 * </ul>
 * Lectures become ready through {@code video.asset.ready} webhooks signed as Mux signs them.
 */
final class ProgressBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int STUDENTS = 25;
    private static final int LECTURES = 4;
    private static final double DURATION = 3600;
    private static final double RANGE = 5;
    private static final int LAG_SAMPLES = 40;
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final HttpClient http;
    private final PrintStream out;
    private final PlatformApi api;
    private final MuxDeliveries deliveries;

    ProgressBenchmark(HttpClient http, PrintStream out, PlatformApi api, String webhookSecret) {
        this.http = http;
        this.out = out;
        this.api = api;
        this.deliveries = new MuxDeliveries(webhookSecret);
    }

    /** Returns whether every heartbeat was accepted and every lag sample became visible. */
    boolean measure(URI gateway, URI courseService, int concurrency, int requests, Duration duration) {
        String instructor = api.login(gateway, api.register(gateway, "instructor"));
        String course = api.course(gateway, instructor, "Progress benchmark");
        List<String> lectures = new ArrayList<>();
        for (int i = 0; i < LECTURES; i++) {
            lectures.add(api.lecture(gateway, instructor, course, "Lecture " + i));
        }
        String lagCourse = api.course(gateway, instructor, "Analytics lag");
        String lagLecture = api.lecture(gateway, instructor, lagCourse, "Measured");
        api.publish(gateway, instructor, course);
        api.publish(gateway, instructor, lagCourse);
        List<String> all = new ArrayList<>(lectures);
        all.add(lagLecture);
        for (String lecture : all) {
            PlatformApi.expect(api.send(deliveries.assetReady(gateway, lecture, DURATION)), 200);
        }
        awaitReady(gateway, instructor, course, LECTURES);
        awaitReady(gateway, instructor, lagCourse, 1);

        List<String> students = new ArrayList<>();
        for (int i = 0; i < STUDENTS; i++) {
            String token = api.login(gateway, api.register(gateway, "student"));
            enroll(gateway, token, course);
            students.add(token);
        }
        String lagStudent = students.getFirst();
        enroll(gateway, lagStudent, lagCourse);

        int pairs = STUDENTS * LECTURES;
        int slots = (int) (DURATION / RANGE);
        // the i-th heartbeat of a run: student and lecture in turn, each time a range not sent before
        java.util.function.BiFunction<URI, Integer, HttpRequest> heartbeat = (base, i) -> {
            int slot = (i / pairs) % slots;
            String body = JSON.writeValueAsString(Map.of("position_seconds", (slot + 1) * RANGE,
                    "watched_ranges", List.of(List.of(slot * RANGE, (slot + 1) * RANGE))));
            return HttpRequest.newBuilder(base.resolve("/api/v1/lectures/" + lectures.get((i / STUDENTS) % LECTURES)
                            + "/progress")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + students.get(i % STUDENTS))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        };
        int warm = Math.max(1, Math.min(2_000, requests / 4));
        LoadRun.run("warm-heartbeat-gateway", http, concurrency, warm, duration, 200, i -> heartbeat.apply(gateway, i));
        LoadRun.run("warm-heartbeat-direct", http, concurrency, warm, duration, 200,
                i -> heartbeat.apply(courseService, warm + i));
        int start = 2 * warm;

        out.printf(Locale.ROOT, "%nPUT /api/v1/lectures/{id}/progress (heartbeats of %d students on %d lectures, each a new "
                + "%.0f s range: conditional MongoDB write + outbox event), %d concurrent%n", STUDENTS, LECTURES, RANGE,
                concurrency);
        LoadRun.Result g = LoadRun.run("heartbeat-gateway", http, concurrency, requests, duration, 200,
                i -> heartbeat.apply(gateway, start + i));
        int directStart = start + (int) g.requests() + concurrency;
        LoadRun.Result d = LoadRun.run("heartbeat-direct", http, concurrency, requests, duration, 200,
                i -> heartbeat.apply(courseService, directStart + i));
        long loadEnded = System.nanoTime();
        g.print(out, "through the gateway", "beats/s");
        d.print(out, "straight to course-service", "beats/s");
        g.printAgainst(out, d);

        out.printf(Locale.ROOT, "%nHeartbeat to analytics (outbox relay -> Kafka -> analytics consumer -> GET "
                + "/api/v1/instructor/courses/{id}/analytics), %d heartbeats one after another, polled every %d ms%n",
                LAG_SAMPLES, POLL.toMillis());
        String analytics = "/api/v1/instructor/courses/" + lagCourse + "/analytics";
        Histogram lag = new Histogram(GIVE_UP.toMillis() * 1000, 3);
        int missed = 0;
        boolean first = true;
        for (int j = 0; j <= LAG_SAMPLES; j++) {
            double from = j * DURATION / 100; // each heartbeat adds 1 % coverage
            Map<String, Object> body = Map.of("position_seconds", from + DURATION / 100,
                    "watched_ranges", List.of(List.of(from, from + DURATION / 100)));
            PlatformApi.expect(api.send("PUT", gateway.resolve("/api/v1/lectures/" + lagLecture + "/progress"),
                    lagStudent, body), 200);
            long t0 = System.nanoTime();
            double expected = (j + 1) / 100.0 - 1e-6;
            long micros = -1;
            while (System.nanoTime() - t0 < GIVE_UP.toNanos()) {
                JsonNode seen = api.get(gateway, instructor, analytics);
                if (seen.path("lectures").get(0).path("average_coverage").asDouble() >= expected) {
                    micros = (System.nanoTime() - t0) / 1_000;
                    break;
                }
                PlatformApi.pause(POLL);
            }
            if (first) {
                // the first one waits behind whatever the load runs left in the outbox and the topic
                out.printf(Locale.ROOT, "  %-26s %7.1f s after the load ended%n", "backlog drained",
                        (System.nanoTime() - loadEnded) / 1e9);
                first = false;
            } else if (micros < 0) {
                missed++;
            } else {
                lag.recordValue(micros);
            }
        }
        out.printf(Locale.ROOT, "  %-26s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%d heartbeats, %d not visible within %d s)%n",
                "heartbeat -> analytics", lag.getValueAtPercentile(50) / 1000.0, lag.getValueAtPercentile(99) / 1000.0,
                lag.getMaxValue() / 1000.0, lag.getTotalCount(), missed, GIVE_UP.toSeconds());
        return g.errors() == 0 && d.errors() == 0 && missed == 0;
    }

    /** Subscribes (auth-service may not know the course yet: 404) and waits until course-service knows it too. */
    private void enroll(URI gateway, String token, String courseId) {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        PlatformApi.expect(api.subscribe(gateway, token, courseId, POLL, GIVE_UP), 201);
        while (System.nanoTime() < giveUp) {
            if (api.get(gateway, token, "/api/v1/me/courses?size=100").toString().contains(courseId)) {
                return;
            }
            PlatformApi.pause(POLL);
        }
        throw new IllegalStateException("enrollment in " + courseId + " never reached course-service");
    }

    private void awaitReady(URI gateway, String token, String courseId, int lectures) {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < giveUp) {
            if (api.get(gateway, token, "/api/v1/courses/" + courseId).path("lecture_count").asInt() == lectures) {
                return;
            }
            PlatformApi.pause(POLL);
        }
        throw new IllegalStateException("lectures of " + courseId + " did not become ready");
    }
}
