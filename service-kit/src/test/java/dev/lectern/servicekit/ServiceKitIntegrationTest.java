package dev.lectern.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lectern.servicekit.testapp.KitTestApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.servlet.multipart.max-file-size=1KB",
                "spring.servlet.multipart.max-request-size=2KB",
                // as every service: actuator on a management port of its own (0 = a free one)
                "management.server.port=0"
        })
class ServiceKitIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final UUID USER = UUID.randomUUID();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("lectern.jwt.jwks-uri", TestTokens::jwksUri);
    }

    record Reply(int status, String contentType, String requestId, String wwwAuthenticate, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        List<String> fields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("X-Request-Id").orElse(null),
                    response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    HttpRequest.Builder atManagement(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path));
    }

    Reply get(String path, String... headers) {
        HttpRequest.Builder request = at(path).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    Reply postJson(String path, String json) {
        return send(at(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static void assertProblem(Reply reply, int status, String slug) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode body = reply.json();
        assertThat(body.path("type").asString()).isEqualTo("https://lectern.dev/problems/" + slug);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(body.path("request_id").asString()).isEqualTo(reply.requestId());
        assertThat(reply.body()).doesNotContain("trace").doesNotContain("Exception");
    }

    @Nested
    class Problems {

        @Test
        void validBodyIsAcceptedAndEchoedInSnakeCase() {
            Reply reply = postJson("/public/things",
                    "{\"display_name\":\"Lamp\",\"item_count\":2,\"owner_role\":\"instructor\",\"start_date\":\"2026-01-02\"}");
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.json().path("display_name").asString()).isEqualTo("Lamp");
            assertThat(reply.json().path("owner_role").asString()).isEqualTo("instructor");
        }

        @Test
        void invalidBodyAnswers400WithSnakeCaseFieldNames() {
            Reply reply = postJson("/public/things", "{\"display_name\":\"\",\"item_count\":0}");
            assertProblem(reply, 400, "validation");
            assertThat(reply.fields()).containsExactlyInAnyOrder("display_name", "item_count");
            assertThat(reply.json().path("errors").get(0).path("message").asString()).isNotBlank();
        }

        @Test
        void malformedJsonAnswers400() {
            Reply reply = postJson("/public/things", "{\"display_name\": ");
            assertProblem(reply, 400, "malformed-request");
        }

        @Test
        void missingBodyAnswers400() {
            Reply reply = postJson("/public/things", "");
            assertProblem(reply, 400, "malformed-request");
        }

        @Test
        void wrongJsonTypeAnswers400NamingTheField() {
            Reply reply = postJson("/public/things", "{\"display_name\":\"Lamp\",\"item_count\":\"many\"}");
            assertProblem(reply, 400, "validation");
            assertThat(reply.fields()).containsExactly("item_count");
        }

        @Test
        void unknownEnumValueAnswers400NamingTheField() {
            Reply reply = postJson("/public/things",
                    "{\"display_name\":\"Lamp\",\"item_count\":1,\"owner_role\":\"superuser\"}");
            assertProblem(reply, 400, "validation");
            assertThat(reply.fields()).containsExactly("owner_role");
        }

        @Test
        void badDateAnswers400NamingTheField() {
            Reply reply = postJson("/public/things",
                    "{\"display_name\":\"Lamp\",\"item_count\":1,\"start_date\":\"yesterday\"}");
            assertProblem(reply, 400, "validation");
            assertThat(reply.fields()).containsExactly("start_date");
        }

        @Test
        void invalidQueryParametersAnswer400NamingThem() {
            Reply outOfRange = get("/public/things?page=0&page_size=500");
            assertProblem(outOfRange, 400, "validation");
            assertThat(outOfRange.fields()).containsExactlyInAnyOrder("page", "page_size");

            Reply notANumber = get("/public/things?page=abc");
            assertProblem(notANumber, 400, "validation");
            assertThat(notANumber.fields()).containsExactly("page");
        }

        @Test
        void malformedPathIdAnswers400() {
            Reply reply = get("/public/things/not-a-uuid");
            assertProblem(reply, 400, "validation");
            assertThat(reply.fields()).containsExactly("id");
        }

        @Test
        void domainNotFoundAnswers404WithItsDetail() {
            UUID id = UUID.randomUUID();
            Reply reply = get("/public/things/" + id);
            assertProblem(reply, 404, "not-found");
            assertThat(reply.json().path("detail").asString()).isEqualTo("No thing " + id + ".");
        }

        @Test
        void unknownPathAnswers404() {
            assertProblem(get("/public/nothing/here"), 404, "not-found");
        }

        @Test
        void wrongMethodAnswers405() {
            assertProblem(send(at("/public/things").DELETE()), 405, "method-not-allowed");
        }

        @Test
        void wrongContentTypeAnswers415() {
            Reply reply = send(at("/public/things").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("hello")));
            assertProblem(reply, 415, "unsupported-media-type");
        }

        @Test
        void unexpectedFailureAnswers500WithoutInternals() {
            Reply reply = get("/public/boom");
            assertProblem(reply, 500, "internal");
            assertThat(reply.body()).doesNotContain("hunter2").doesNotContain("IllegalState");
        }

        @Test
        @ExtendWith(OutputCaptureExtension.class)
        void unexpectedFailureIsLoggedInFullWithTheRequestId(CapturedOutput output) {
            get("/public/boom", "X-Request-Id", "log-rid-42");
            assertThat(output.getOut()).contains("[log-rid-42]").contains("request_id=log-rid-42")
                    .contains("db password is hunter2");
        }

        @Test
        void failureOutsideControllersIsStillAProblemWithoutInternals() {
            Reply reply = get("/public/filter-boom", "X-Request-Id", "filter-rid");
            assertProblem(reply, 500, "internal");
            assertThat(reply.requestId()).isEqualTo("filter-rid");
            assertThat(reply.body()).doesNotContain("hunter2");
            assertThat(reply.json().path("instance").asString()).isEqualTo("/public/filter-boom");
        }

        @Test
        void containerErrorPagesAreProblemsToo() {
            Reply reply = get("/public/teapot", "Accept", "text/html");
            assertThat(reply.status()).isEqualTo(418);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("type").asString()).isEqualTo("https://lectern.dev/problems/http-418");
        }

        @Test
        void tooLargeUploadAnswers413() {
            String boundary = "kit-boundary";
            String body = "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n"
                    + "x".repeat(8 * 1024) + "\r\n--" + boundary + "--\r\n";
            Reply reply = send(at("/public/upload")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
            assertProblem(reply, 413, "payload-too-large");
        }
    }

    @Nested
    class RequestIds {

        @Test
        void wellFormedRequestIdIsKeptAndEchoed() {
            Reply reply = get("/public/things", "X-Request-Id", "abc.DEF_123-x");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.requestId()).isEqualTo("abc.DEF_123-x");
        }

        @Test
        void malformedRequestIdIsReplacedByUuid() {
            Reply reply = get("/public/things", "X-Request-Id", "bad id with spaces");
            assertThat(UUID.fromString(reply.requestId())).isNotNull();
        }

        @Test
        void missingRequestIdIsCreatedAndAppearsInProblems() {
            Reply reply = get("/public/nothing");
            assertThat(UUID.fromString(reply.requestId())).isNotNull();
            assertThat(reply.json().path("request_id").asString()).isEqualTo(reply.requestId());
        }

        @Test
        void unauthorizedAnswerCarriesTheRequestIdToo() {
            Reply reply = get("/me", "X-Request-Id", "rid-401");
            assertProblem(reply, 401, "unauthorized");
            assertThat(reply.requestId()).isEqualTo("rid-401");
        }
    }

    @Nested
    class Tokens {

        String bearer(String token) {
            return "Bearer " + token;
        }

        @Test
        void validTokenResolvesTheCurrentUser() {
            Reply reply = get("/me", "Authorization", bearer(TestTokens.token(USER, "student")));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("id").asString()).isEqualTo(USER.toString());
            assertThat(reply.json().path("role").asString()).isEqualTo("student");
        }

        @Test
        void missingTokenAnswers401Problem() {
            Reply reply = get("/me");
            assertProblem(reply, 401, "unauthorized");
            assertThat(reply.wwwAuthenticate()).startsWith("Bearer");
        }

        @Test
        void wrongAudienceAnswers401() {
            String token = TestTokens.token(USER, "student", c -> c.audience("someone-else"));
            assertProblem(get("/me", "Authorization", bearer(token)), 401, "unauthorized");
        }

        @Test
        void wrongIssuerAnswers401() {
            String token = TestTokens.token(USER, "student", c -> c.issuer("evil"));
            assertProblem(get("/me", "Authorization", bearer(token)), 401, "unauthorized");
        }

        @Test
        void expiredTokenAnswers401EvenWithinAMinute() {
            Instant past = Instant.now().minusSeconds(45);
            String token = TestTokens.token(USER, "student",
                    c -> c.issueTime(Date.from(past.minusSeconds(60))).expirationTime(Date.from(past)));
            assertProblem(get("/me", "Authorization", bearer(token)), 401, "unauthorized");
        }

        @Test
        void tokenExpiredWithinClockSkewIsAccepted() {
            Instant justNow = Instant.now().minusSeconds(5);
            String token = TestTokens.token(USER, "student",
                    c -> c.issueTime(Date.from(justNow.minusSeconds(60))).expirationTime(Date.from(justNow)));
            assertThat(get("/me", "Authorization", bearer(token)).status()).isEqualTo(200);
        }

        @Test
        void tokenWithoutExpiryAnswers401() {
            String token = TestTokens.token(USER, "student", c -> c.expirationTime(null));
            assertProblem(get("/me", "Authorization", bearer(token)), 401, "unauthorized");
        }

        @Test
        void notYetValidTokenAnswers401() {
            String token = TestTokens.token(USER, "student",
                    c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120))));
            assertProblem(get("/me", "Authorization", bearer(token)), 401, "unauthorized");
        }

        @Test
        void otherAlgorithmThanRs256Answers401() {
            JWTClaimsSet claims = TestTokens.claims(USER, "admin").build();
            assertProblem(get("/me", "Authorization", bearer(TestTokens.sign(claims, JWSAlgorithm.RS512, TestTokens.KEY))),
                    401, "unauthorized");
            assertProblem(get("/me", "Authorization", bearer(TestTokens.hmacSigned(claims))), 401, "unauthorized");
        }

        @Test
        void tokenSignedByAnotherKeyAnswers401() {
            JWTClaimsSet claims = TestTokens.claims(USER, "admin").build();
            String forged = TestTokens.sign(claims, JWSAlgorithm.RS256, TestTokens.generate("kit-test-key"));
            assertProblem(get("/me", "Authorization", bearer(forged)), 401, "unauthorized");
        }

        @Test
        void unknownRoleOrNonUuidSubjectAnswers401() {
            assertProblem(get("/me", "Authorization", bearer(TestTokens.token(USER, "root"))), 401, "unauthorized");
            String token = TestTokens.token(USER, "student", c -> c.subject("alice"));
            assertProblem(get("/me", "Authorization", bearer(token)), 401, "unauthorized");
        }

        @Test
        void badTokenOnPublicPathStillAnswers401() {
            assertProblem(get("/public/things", "Authorization", "Bearer not.a.token"), 401, "unauthorized");
        }

        @Test
        void roleFromTokenGrantsAdminEndpoints() {
            assertThat(get("/admin/things", "Authorization", bearer(TestTokens.token(USER, "admin"))).status())
                    .isEqualTo(200);
        }

        @Test
        void nonAdminAnswers403Problem() {
            Reply reply = get("/admin/things", "Authorization", bearer(TestTokens.token(USER, "instructor")));
            assertProblem(reply, 403, "forbidden");
        }

        @Test
        void healthInfoAndPrometheusAnswerOnTheManagementPortWithoutAToken() {
            for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
                    "/actuator/info", "/actuator/prometheus")) {
                assertThat(send(atManagement(path).GET()).status()).as(path).isEqualTo(200);
            }
            assertThat(send(atManagement("/actuator/prometheus").GET()).body()).contains("jvm_memory_used_bytes");
            assertThat(send(atManagement("/actuator/env").GET()).status()).isIn(401, 404);
        }

        @Test
        void thePublicPortServesNoActuatorEndpoint() {
            for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/info",
                    "/actuator/prometheus")) {
                assertProblem(get(path), 404, "not-found");
            }
            assertThat(get("/actuator/env").status()).isIn(401, 404);
        }

        @Test
        void apiDocsDescribeBodiesInSnakeCase() {
            Reply reply = get("/v3/api-docs");
            assertThat(reply.status()).isEqualTo(200);
            JsonNode schema = reply.json().path("components").path("schemas").path("CreateThing").path("properties");
            assertThat(schema.has("display_name")).isTrue();
            assertThat(schema.has("item_count")).isTrue();
            assertThat(schema.has("displayName")).isFalse();
        }
    }

    @Nested
    class Tracing {

        static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
        static final String CALLER_SPAN = "00f067aa0ba902b7";

        @Test
        void theCallersTraceIsContinuedInANewSpan() {
            Reply reply = get("/public/trace", "traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");

            String traceparent = reply.json().path("traceparent").asString();
            assertThat(traceparent).matches("00-" + CALLER_TRACE + "-[0-9a-f]{16}-01").doesNotContain(CALLER_SPAN);
        }

        @Test
        void aRequestWithoutTraceContextStartsATrace() {
            assertThat(get("/public/trace").json().path("traceparent").asString())
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        }

        @Test
        @ExtendWith(OutputCaptureExtension.class)
        void everyLogLineOfTheRequestCarriesItsTraceId(CapturedOutput output) {
            get("/public/boom", "X-Request-Id", "traced-rid", "traceparent",
                    "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");

            assertThat(output.getOut().lines().filter(line -> line.contains("[traced-rid]")))
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(CALLER_TRACE));
        }
    }

    @Nested
    class IdentityHeaders {

        @Test
        void headersMatchingTheTokenAreAccepted() {
            Reply reply = get("/me", "Authorization", "Bearer " + TestTokens.token(USER, "student"),
                    "X-User-Id", USER.toString(), "X-User-Role", "student");
            assertThat(reply.status()).isEqualTo(200);
        }

        @Test
        void userIdDisagreeingWithTokenAnswers401() {
            Reply reply = get("/me", "Authorization", "Bearer " + TestTokens.token(USER, "student"),
                    "X-User-Id", UUID.randomUUID().toString());
            assertProblem(reply, 401, "unauthorized");
        }

        @Test
        void roleDisagreeingWithTokenAnswers401() {
            Reply reply = get("/admin/things", "Authorization", "Bearer " + TestTokens.token(USER, "student"),
                    "X-User-Id", USER.toString(), "X-User-Role", "admin");
            assertProblem(reply, 401, "unauthorized");
        }

        @Test
        void identityHeadersWithoutTokenAnswer401EvenOnPublicPaths() {
            Reply reply = get("/public/things", "X-User-Id", USER.toString(), "X-User-Role", "admin");
            assertProblem(reply, 401, "unauthorized");
        }
    }
}
