package dev.lectern.platform.bench;

import dev.lectern.platform.PlatformApi;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * The catalog and enrollment figures: public catalog listing through the gateway against the same request
 * straight to course-service, and the lag from a 201 on {@code POST /api/v1/subscriptions} (auth-service)
 * to the course showing under {@code GET /api/v1/me/courses} (course-service, fed through Kafka).
 */
final class CatalogBenchmark {

    private static final int COURSES = 30;
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final HttpClient http;
    private final PrintStream out;
    private final PlatformApi api;

    CatalogBenchmark(HttpClient http, PrintStream out, PlatformApi api) {
        this.http = http;
        this.out = out;
        this.api = api;
    }

    /** Returns whether every request answered as expected. */
    boolean measure(URI gateway, URI courseService, int concurrency, int requests, Duration duration, int enrollments) {
        String instructor = api.login(gateway, api.register(gateway, "instructor"));
        String category = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> courses = new ArrayList<>();
        for (int i = 0; i < COURSES; i++) {
            courses.add(publishedCourse(gateway, instructor, category, i));
        }

        String path = "/api/v1/courses?category=" + category + "&page=1&size=10";
        HttpRequest viaGateway = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
        HttpRequest direct = HttpRequest.newBuilder(courseService.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
        int warm = Math.max(1, Math.min(2_000, requests / 4));
        LoadRun.run("warm-catalog-gateway", http, concurrency, warm, duration, 200, i -> viaGateway);
        LoadRun.run("warm-catalog-direct", http, concurrency, warm, duration, 200, i -> direct);

        out.printf(Locale.ROOT, "%nGET %s (public catalog, %d published courses), %d concurrent%n", path, COURSES, concurrency);
        LoadRun.Result g = LoadRun.run("catalog-gateway", http, concurrency, requests, duration, 200, i -> viaGateway);
        LoadRun.Result d = LoadRun.run("catalog-direct", http, concurrency, requests, duration, 200, i -> direct);
        g.print(out, "through the gateway", "req/s");
        d.print(out, "straight to course-service", "req/s");
        g.printAgainst(out, d);

        out.printf(Locale.ROOT, "%nSubscription to me/courses lag (auth-service outbox -> Kafka -> course-service), %d students, polled every %d ms%n",
                enrollments, POLL.toMillis());
        Histogram lag = new Histogram(GIVE_UP.toMillis() * 1000, 3);
        int missed = 0;
        for (int i = 0; i < enrollments; i++) {
            String student = api.login(gateway, api.register(gateway, "student"));
            String course = courses.get(i % courses.size());
            long lagMicros = enrollAndWait(gateway, student, course);
            if (lagMicros < 0) {
                missed++;
            } else {
                lag.recordValue(lagMicros);
            }
        }
        out.printf(Locale.ROOT, "  %-26s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%d enrollments, %d not visible within %d s)%n",
                "enrolled -> visible", lag.getValueAtPercentile(50) / 1000.0, lag.getValueAtPercentile(99) / 1000.0,
                lag.getMaxValue() / 1000.0, lag.getTotalCount(), missed, GIVE_UP.toSeconds());
        return g.errors() == 0 && d.errors() == 0 && missed == 0;
    }

    /** Enrolls (waiting first for auth-service to learn of the published course) and times until it is visible. */
    private long enrollAndWait(URI gateway, String token, String courseId) {
        HttpResponse<String> enrolled = api.subscribe(gateway, token, courseId, POLL, GIVE_UP);
        if (enrolled.statusCode() != 201) {
            throw new IllegalStateException("enrollment failed: " + enrolled.statusCode() + " " + enrolled.body());
        }
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < GIVE_UP.toNanos()) {
            HttpResponse<String> mine = api.send("GET", gateway.resolve("/api/v1/me/courses"), token, null);
            if (mine.statusCode() == 200 && mine.body().contains(courseId)) {
                return (System.nanoTime() - t0) / 1_000;
            }
            PlatformApi.pause(POLL);
        }
        return -1;
    }

    private String publishedCourse(URI gateway, String token, String category, int n) {
        String id = PlatformApi.expect(api.send("POST", gateway.resolve("/api/v1/courses"), token, Map.of(
                "title", "Benchmark course " + n, "description", "A course to list", "category", category,
                "subcategory", "bench", "premium", false, "tags", List.of("bench"))), 201).get("id").asString();
        api.lecture(gateway, token, id, "Lecture");
        api.publish(gateway, token, id);
        return id;
    }
}
