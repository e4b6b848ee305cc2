package dev.lectern.gateway;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class RequestHandlingTest extends GatewayTestSupport {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void requestIdIsGeneratedForwardedAndReturned() {
        HttpResponse<String> response = send(request("GET", "/api/v1/courses"));

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches(UUID_PATTERN);
        assertThat(echo(response).get("headers").get("x-request-id").get(0).asString()).isEqualTo(id);
    }

    @Test
    void wellFormedClientRequestIdIsKept() {
        HttpResponse<String> response = send(request("GET", "/api/v1/courses").header("X-Request-Id", "abc-123.X_y"));

        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("abc-123.X_y");
        assertThat(echo(response).get("headers").get("x-request-id").get(0).asString()).isEqualTo("abc-123.X_y");
    }

    @Test
    void malformedClientRequestIdIsReplaced() {
        for (String bad : new String[] { "bad id", "x".repeat(65), "a;b", "<script>" }) {
            HttpResponse<String> response = send(request("GET", "/api/v1/courses").header("X-Request-Id", bad));

            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).matches(UUID_PATTERN);
            assertThat(echo(response).get("headers").get("x-request-id").get(0).asString()).isEqualTo(id);
        }
    }

    @Test
    void gatewayErrorsCarryTheRequestId() {
        HttpResponse<String> response = send(request("GET", "/api/v1/me/enrollments").header("X-Request-Id", "r-401"));

        assertProblem(response, 401, "unauthorized");
        assertThat(json(response).get("request_id").asString()).isEqualTo("r-401");
    }

    @Test
    void corsPreflightFromAllowedOriginIsAnsweredWithoutToken() {
        int before = COURSE.requests();
        HttpResponse<String> response = send(request("OPTIONS", "/api/v1/me/enrollments")
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("authorization").contains("content-type");
        assertThat(COURSE.requests()).isEqualTo(before);
    }

    @Test
    void corsRequestFromOtherOriginIsForbiddenProblem() {
        HttpResponse<String> response = send(request("OPTIONS", "/api/v1/me/enrollments")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));

        assertProblem(response, 403, "forbidden");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void corsResponsesExposeRequestIdAndRateLimitHeaders() {
        HttpResponse<String> response = send(request("GET", "/api/v1/courses").header("Origin", ALLOWED_ORIGIN));

        echo(response);
        assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly(ALLOWED_ORIGIN);
        String exposed = String.join(",", response.headers().allValues("Access-Control-Expose-Headers"));
        assertThat(exposed).contains("X-Request-Id", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining");
    }

    @Test
    void bodyWithinLimitIsForwardedWhole() {
        JsonNode echo = echo(send(authorized("POST", "/api/v1/me/notes", validToken(UUID.randomUUID(), "student"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[32 * 1024]))));

        assertThat(echo.get("body_bytes").asLong()).isEqualTo(32 * 1024);
    }

    @Test
    void declaredBodyOverTheLimitIsRejectedWith413() {
        int before = COURSE.requests();

        HttpResponse<String> response = send(authorized("POST", "/api/v1/me/notes",
                validToken(UUID.randomUUID(), "student"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100 * 1024])));

        assertProblem(response, 413, "payload-too-large");
        assertThat(COURSE.requests()).isEqualTo(before);
    }

    @Test
    void streamedBodyOverTheLimitIsRejectedWith413() {
        HttpResponse<String> response = send(authorized("POST", "/api/v1/me/notes",
                validToken(UUID.randomUUID(), "student"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[200 * 1024]))));

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void uploadRoutesAllowLargerBodiesUpToTheirOwnLimit() {
        String token = validToken(UUID.randomUUID(), "instructor");

        JsonNode echo = echo(send(authorized("POST", "/api/v1/courses/c1/lectures/upload", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[200 * 1024]))));
        assertThat(echo.get("service").asString()).isEqualTo("media");
        assertThat(echo.get("body_bytes").asLong()).isEqualTo(200 * 1024);

        assertProblem(send(authorized("POST", "/api/v1/courses/c1/lectures/batch-upload", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[300 * 1024]))), 413, "payload-too-large");
    }

    @Test
    void slowServiceIsGatewayTimeoutProblem() {
        assertProblem(send(authorized("GET", "/api/v1/me/enrollments?sleep_ms=3000",
                validToken(UUID.randomUUID(), "student"))), 504, "gateway-timeout");
    }

    @Test
    void serviceDownIsServiceUnavailableProblem() {
        WEBHOOK.stop();
        try {
            assertProblem(send(request("POST", "/webhooks/mux")), 503, "service-unavailable");
        }
        finally {
            WEBHOOK.restart();
        }
        echo(send(request("POST", "/webhooks/mux")));
    }

    @Test
    void docsServeOneSwaggerUiOverAllServices() {
        HttpResponse<String> entry = send(request("GET", "/docs"));
        assertThat(entry.statusCode()).isBetween(301, 308);
        assertThat(entry.headers().firstValue("Location").orElseThrow()).contains("/docs/");

        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> ui = send(following, request("GET", "/docs"));
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.uri().getPath()).startsWith("/docs/");
        assertThat(ui.body()).containsIgnoringCase("swagger-ui");

        JsonNode config = json(send(request("GET", "/docs/api-docs/swagger-config")));
        assertThat(config.get("urls").valueStream().map(u -> u.get("url").asString()))
                .containsExactlyInAnyOrder("/v3/api-docs/auth", "/v3/api-docs/course", "/v3/api-docs/media",
                        "/v3/api-docs/webhook");
    }
}
