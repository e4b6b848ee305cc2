package dev.lectern.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a service under test over real HTTP as a given {@link Caller}, whose token comes from
 * {@link TestTokens}. Bodies are JSON: a {@code String} is sent as is, anything else is serialized.
 */
public final class ServiceClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;

    public ServiceClient(int port) {
        this("http://127.0.0.1:" + port);
    }

    public ServiceClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Who calls: a user id with a role, or anonymous when the role is null. */
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

    public record Response(int status, Map<String, java.util.List<String>> headers, JsonNode body) {
        public String text(String field) {
            return body.path(field).asString();
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse("");
        }
    }

    public Response get(Caller caller, String path) {
        return send(caller, "GET", path, null, Map.of());
    }

    public Response post(Caller caller, String path, Object body) {
        return send(caller, "POST", path, body, Map.of());
    }

    public Response patch(Caller caller, String path, Object body) {
        return send(caller, "PATCH", path, body, Map.of());
    }

    public Response put(Caller caller, String path, Object body) {
        return send(caller, "PUT", path, body, Map.of());
    }

    public Response delete(Caller caller, String path) {
        return send(caller, "DELETE", path, null, Map.of());
    }

    public Response send(Caller caller, String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (caller.role() != null) {
            request.header("Authorization", TestTokens.shared().bearer(caller.id(), caller.role()));
        }
        headers.forEach(request::header);
        if (body != null) {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node;
            try {
                node = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                node = JSON.getNodeFactory().stringNode(response.body());
            }
            return new Response(response.statusCode(), response.headers().map(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
