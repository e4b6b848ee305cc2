package dev.lectern.course;

import dev.lectern.testkit.TestInfrastructure;
import dev.lectern.testkit.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** course-service on a real port, against the shared real MongoDB and Kafka, called over HTTP. */
public final class ServiceUnderTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    public ServiceUnderTest(int port) {
        this.port = port;
    }

    public static void wire(DynamicPropertyRegistry registry) {
        TestInfrastructure.mongo("course").register(registry);
        TestInfrastructure.kafka().register(registry);
        TestTokens.shared().register(registry);
        registry.add("lectern.outbox.interval", () -> "PT0.05S");
    }

    /** A caller: a user id with a role, or anonymous when role is null. */
    public record Caller(UUID id, String role) {
        public static Caller instructor() {
            return new Caller(UUID.randomUUID(), "instructor");
        }

        public static Caller student() {
            return new Caller(UUID.randomUUID(), "student");
        }

        public static Caller admin() {
            return new Caller(UUID.randomUUID(), "admin");
        }

        public static Caller anonymous() {
            return new Caller(null, null);
        }
    }

    public record Response(int status, String contentType, JsonNode body) {
        public String text(String field) {
            return body.path(field).asString();
        }
    }

    public Response get(Caller caller, String path) {
        return send(caller, "GET", path, null);
    }

    public Response post(Caller caller, String path, Object body) {
        return send(caller, "POST", path, body);
    }

    public Response patch(Caller caller, String path, Object body) {
        return send(caller, "PATCH", path, body);
    }

    public Response put(Caller caller, String path, Object body) {
        return send(caller, "PUT", path, body);
    }

    public Response delete(Caller caller, String path) {
        return send(caller, "DELETE", path, null);
    }

    public Response send(Caller caller, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (caller.role() != null) {
            request.header("Authorization", TestTokens.shared().bearer(caller.id(), caller.role()));
        }
        if (body != null) {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
