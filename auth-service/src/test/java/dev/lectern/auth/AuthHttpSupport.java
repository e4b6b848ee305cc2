package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the service under test over HTTP on its random port: requests, sign-ups and sign-ins. */
public abstract class AuthHttpSupport {

    public static final String ADMIN_EMAIL = "root-admin@lectern.test";
    public static final String ADMIN_PASSWORD = "correct horse battery";

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    /** Actuator (health, metrics) listens here, not on {@link #port}. */
    @LocalManagementPort
    protected int managementPort;

    public record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text(String field) {
            return json().path(field).asString();
        }

        public List<String> fields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }

        public String problemType() {
            return text("type").replace("https://lectern.dev/problems/", "");
        }
    }

    /** A registered account and the password it was given. */
    public record Account(UUID id, String email, String password, String mobileNumber) {
    }

    public record Tokens(String accessToken, String refreshToken) {
    }

    protected Reply send(String method, String path, String json, String bearer, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** {@code GET} on the management port. */
    protected Reply management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).GET());
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Reply post(String path, String json) {
        return send("POST", path, json, null);
    }

    protected Reply get(String path, String bearer) {
        return send("GET", path, null, bearer);
    }

    protected static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    protected static String uniqueMobile() {
        return "+1" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    }

    protected static String registration(String email, String password, String mobile, String role) {
        return """
                {"first_name":"Ada","last_name":"Lovelace","email":"%s","password":"%s",
                 "date_of_birth":"1990-12-10","mobile_number":"%s","role":"%s"}"""
                .formatted(email, password, mobile, role);
    }

    protected Account register(String role) {
        String email = uniqueEmail();
        String password = "pw-" + UUID.randomUUID();
        String mobile = uniqueMobile();
        Reply reply = post("/api/v1/auth/register", registration(email, password, mobile, role));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return new Account(UUID.fromString(reply.text("id")), email, password, mobile);
    }

    protected Reply loginReply(String email, String password) {
        return post("/api/v1/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password));
    }

    protected Tokens login(String email, String password) {
        Reply reply = loginReply(email, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return new Tokens(reply.text("access_token"), reply.text("refresh_token"));
    }

    protected Tokens login(Account account) {
        return login(account.email(), account.password());
    }

    protected Tokens admin() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    protected Reply refresh(String refreshToken) {
        return post("/api/v1/auth/refresh", "{\"refresh_token\":\"%s\"}".formatted(refreshToken));
    }
}
