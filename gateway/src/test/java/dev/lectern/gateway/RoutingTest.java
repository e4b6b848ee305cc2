package dev.lectern.gateway;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest extends GatewayTestSupport {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST, /api/v1/auth/login, auth",
            "GET, /api/v1/auth/sessions, auth",
            "GET, /api/v1/admin/users/42, auth",
            "GET, /api/v1/admin/signing-keys, auth",
            "POST, /api/v1/admin/signing-keys/rotate, auth",
            "GET, /api/v1/subscriptions/mine, auth",
            "PUT, /api/v1/admin/entitlements/7, auth",
            "GET, /api/v1/instructor/courses/c1/students, auth",
            "GET, /api/v1/instructor/courses/c1/students/s9, auth",
            "GET, /.well-known/jwks.json, auth",
            "POST, /api/v1/lectures/l1/uploads, media",
            "GET, /api/v1/lectures/l1/uploads/u1, media",
            "GET, /api/v1/lectures/l1/playback, media",
            "POST, /api/v1/courses/c1/lectures/upload, media",
            "POST, /api/v1/courses/c1/lectures/batch-upload, media",
            "POST, /webhooks/mux, webhook",
            "GET, /api/v1/courses, course",
            "POST, /api/v1/courses, course",
            "GET, /api/v1/courses/c1/lectures, course",
            "GET, /api/v1/instructor/courses/c1, course",
            "GET, /api/v1/me/enrollments, course",
            "GET, /api/v1/lectures/l1, course",
            "POST, /api/v1/lectures/l1/progress, course",
            "GET, /api/v1/admin/analytics/overview, course" })
    void routesEachPathToItsServiceWithPathAndQueryUnchanged(String method, String path, String service) {
        HttpResponse<String> response = send(authorized(method, path + "?page=2&q=a%20b",
                validToken(UUID.randomUUID(), "admin")));

        JsonNode echo = echo(response);
        assertThat(echo.get("service").asString()).isEqualTo(service);
        assertThat(echo.get("method").asString()).isEqualTo(method);
        assertThat(echo.get("path").asString()).isEqualTo(path);
        assertThat(echo.get("query").asString()).isEqualTo("page=2&q=a%20b");
    }

    @Test
    void servicesLearnTheClientAddressAsXRealIpAndNotTheClientsForwardingHeaders() {
        JsonNode echo = echo(send(request("GET", "/api/v1/courses")
                .setHeader("X-Forwarded-For", "203.0.113.50, 10.10.0.1")
                .header("X-Real-IP", "1.2.3.4")
                .header("X-Forwarded-Host", "evil.example")));

        JsonNode headers = echo.get("headers");
        assertThat(headers.get("x-real-ip").size()).isEqualTo(1);
        assertThat(headers.get("x-real-ip").get(0).asString()).isEqualTo("203.0.113.50");
        assertThat(headers.has("x-forwarded-host")).isFalse();
        assertThat(headers.has("x-forwarded-for")).isFalse();
    }

    @Test
    void unknownApiPathWithTokenIsNotFoundProblem() {
        assertProblem(send(authorized("GET", "/api/v1/nothing-here", validToken(UUID.randomUUID(), "student"))),
                404, "not-found");
    }

    @Test
    void unknownPathOutsideApiIsNotFoundProblem() {
        assertProblem(send(request("GET", "/wp-admin/login.php")), 404, "not-found");
    }

    @Test
    void jwksRouteOnlyAnswersGet() {
        assertProblem(send(request("POST", "/.well-known/jwks.json")), 404, "not-found");
    }

    @Test
    void serviceDocumentsAreRoutedToEachServicesApiDocs() {
        JsonNode echo = echo(send(request("GET", "/v3/api-docs/course")));

        assertThat(echo.get("service").asString()).isEqualTo("course");
        assertThat(echo.get("path").asString()).isEqualTo("/v3/api-docs");
        assertThat(echo(send(request("GET", "/v3/api-docs/webhook"))).get("service").asString()).isEqualTo("webhook");
    }
}
