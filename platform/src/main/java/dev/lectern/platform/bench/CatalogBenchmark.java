package dev.lectern.platform.bench;

import java.io.IOException;
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
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog and enrollment figures: public catalog listing through the gateway against the same request
 * straight to course-service, and the lag from a 201 on {@code POST /api/v1/subscriptions} (auth-service)
 * to the course showing under {@code GET /api/v1/me/courses} (course-service, fed through Kafka).
 */
final class CatalogBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "Correct-Horse-Battery-42";
    private static final int COURSES = 30;
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final HttpClient http;
    private final PrintStream out;

    CatalogBenchmark(HttpClient http, PrintStream out) {
        this.http = http;
        this.out = out;
    }

    /** Returns whether every request answered as expected. */
    boolean measure(URI gateway, URI courseService, int concurrency, int requests, Duration duration, int enrollments) {
        String instructor = login(gateway, register(gateway, "instructor"));
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
            String student = login(gateway, register(gateway, "student"));
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
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        HttpResponse<String> enrolled;
        do {
            enrolled = send("POST", gateway.resolve("/api/v1/subscriptions"), token, Map.of("course_id", courseId));
        } while (enrolled.statusCode() == 404 && System.nanoTime() < giveUp && pause());
        if (enrolled.statusCode() != 201) {
            throw new IllegalStateException("enrollment failed: " + enrolled.statusCode() + " " + enrolled.body());
        }
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < GIVE_UP.toNanos()) {
            HttpResponse<String> mine = send("GET", gateway.resolve("/api/v1/me/courses"), token, null);
            if (mine.statusCode() == 200 && mine.body().contains(courseId)) {
                return (System.nanoTime() - t0) / 1_000;
            }
            pause();
        }
        return -1;
    }

    private String publishedCourse(URI gateway, String token, String category, int n) {
        HttpResponse<String> created = send("POST", gateway.resolve("/api/v1/courses"), token, Map.of(
                "title", "Benchmark course " + n, "description", "A course to list", "category", category,
                "subcategory", "bench", "premium", false, "tags", List.of("bench")));
        String id = expect(created, 201).get("id").asString();
        expect(send("POST", gateway.resolve("/api/v1/courses/" + id + "/lectures"), token, Map.of("title", "Lecture")), 201);
        expect(send("POST", gateway.resolve("/api/v1/courses/" + id + "/publish"), token, null), 200);
        return id;
    }

    private String register(URI gateway, String role) {
        String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String mobile = "+4478" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        expect(send("POST", gateway.resolve("/api/v1/auth/register"), null, Map.of("first_name", "Bench",
                "last_name", "Mark", "email", email, "password", PASSWORD, "date_of_birth", "1990-01-01",
                "mobile_number", mobile, "role", role)), 201);
        return email;
    }

    private String login(URI gateway, String email) {
        return expect(send("POST", gateway.resolve("/api/v1/auth/login"), null,
                Map.of("email", email, "password", PASSWORD)), 200).get("access_token").asString();
    }

    private HttpResponse<String> send(String method, URI uri, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static boolean pause() {
        try {
            Thread.sleep(POLL);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
