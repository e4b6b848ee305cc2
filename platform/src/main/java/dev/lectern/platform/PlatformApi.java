package dev.lectern.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public API as the benchmarks and the demo seed use it: accounts, courses, lectures, uploads. */
public final class PlatformApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String PASSWORD = "Correct-Horse-Battery-42";

    private final HttpClient http;

    public PlatformApi(HttpClient http) {
        this.http = http;
    }

    /** Registers a fresh user with {@code role}; returns the email. */
    public String register(URI gateway, String role) {
        String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        expect(register(gateway, role, email, PASSWORD, "Bench", "Mark"), 201);
        return email;
    }

    /** Registers a user; the answer as it comes (201, or 409 when the email is taken). */
    public HttpResponse<String> register(URI gateway, String role, String email, String password, String firstName,
                                         String lastName) {
        String mobile = "+4478" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        return send("POST", gateway.resolve("/api/v1/auth/register"), null, Map.of("first_name", firstName,
                "last_name", lastName, "email", email, "password", password, "date_of_birth", "1990-01-01",
                "mobile_number", mobile, "role", role));
    }

    /** An access token. */
    public String login(URI gateway, String email) {
        return login(gateway, email, PASSWORD);
    }

    public String login(URI gateway, String email, String password) {
        return expect(send("POST", gateway.resolve("/api/v1/auth/login"), null,
                Map.of("email", email, "password", password)), 200).get("access_token").asString();
    }

    /** A draft course of the token's instructor; returns its id. */
    public String course(URI gateway, String token, String title) {
        return expect(send("POST", gateway.resolve("/api/v1/courses"), token, Map.of("title", title,
                "description", "A benchmark course", "category", "bench", "subcategory", "bench", "premium", false,
                "tags", List.of("bench"))), 201).get("id").asString();
    }

    /** A lecture added to the course; returns its id. */
    public String lecture(URI gateway, String token, String courseId, String title) {
        return expect(send("POST", gateway.resolve("/api/v1/courses/" + courseId + "/lectures"), token,
                Map.of("title", title)), 201).get("id").asString();
    }

    public void publish(URI gateway, String token, String courseId) {
        expect(send("POST", gateway.resolve("/api/v1/courses/" + courseId + "/publish"), token, null), 200);
    }

    /**
     * {@code POST /api/v1/subscriptions}, asked again while auth-service answers 404 (it learns of a newly
     * published course through Kafka), every {@code poll} until {@code within} has passed; the last answer.
     */
    public HttpResponse<String> subscribe(URI gateway, String token, String courseId, Duration poll, Duration within) {
        long giveUp = System.nanoTime() + within.toNanos();
        HttpResponse<String> answer;
        do {
            answer = send("POST", gateway.resolve("/api/v1/subscriptions"), token, Map.of("course_id", courseId));
        } while (answer.statusCode() == 404 && System.nanoTime() < giveUp && pause(poll));
        return answer;
    }

    public JsonNode get(URI gateway, String token, String path) {
        return expect(send("GET", gateway.resolve(path), token, null), 200);
    }

    public HttpResponse<String> send(String method, URI uri, String token, Object body) {
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
        return send(request.build());
    }

    /** Sends a request as it is; an I/O failure or an interrupt is an {@link IllegalStateException}. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Sleeps; false when interrupted. */
    public static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
