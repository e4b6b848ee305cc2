package dev.lectern.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * What operators rely on: probes and metrics on the management port only, a W3C trace started here for every
 * request and carried to the service, an access line per request with its trace id, 429s counted per route.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends GatewayTestSupport {

    private static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]";

    @Test
    void healthProbesAndMetricsAnswerOnTheManagementPortWithoutAToken(CapturedOutput output) {
        assertThat(send(management("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        assertThat(send(management("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        HttpResponse<String> prometheus = send(management("/actuator/prometheus"));
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes{").contains("application=\"gateway\"");
        assertThat(send(management("/actuator/env")).statusCode()).isIn(401, 404);
        assertThat(output.getOut()).as("probes and scrapes are not in the access log")
                .doesNotContain("GET /actuator/health/liveness 200");
    }

    @Test
    void thePublicPortServesNoActuatorEndpoint() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/info")) {
            assertProblem(send(request("GET", path)), 404, "not-found");
        }
        assertThat(send(request("GET", "/actuator/env")).statusCode()).isIn(401, 404);
    }

    @Test
    void everyForwardedRequestStartsANewTraceWhateverTraceTheClientSent(CapturedOutput output) {
        String clientTraceId = "0af7651916cd43dd8448eb211c80319c";
        String requestId = "trace-" + randomIp().replace('.', '-');

        JsonNode seen = echo(send(request("GET", "/api/v1/courses")
                .header("traceparent", "00-" + clientTraceId + "-b7ad6b7169203331-01")
                .header("X-Request-Id", requestId)));

        List<String> traceparents = seen.get("headers").get("traceparent").valueStream().map(JsonNode::asString)
                .toList();
        assertThat(traceparents).hasSize(1);
        assertThat(traceparents.getFirst()).matches(TRACEPARENT);
        String traceId = traceparents.getFirst().split("-")[1];
        assertThat(traceId).isNotEqualTo(clientTraceId);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("GET /api/v1/courses 200") && line.contains(requestId)))
                .singleElement().asString().contains(traceId).contains("route=course-courses"));
    }

    @Test
    void answersTheGatewayMakesItselfAreInTheAccessLogToo(CapturedOutput output) {
        String requestId = "missing-" + randomIp().replace('.', '-');

        assertProblem(send(request("GET", "/nothing/here").header("X-Request-Id", requestId)), 404, "not-found");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("GET /nothing/here 404") && line.contains(requestId)))
                .singleElement().asString().contains("route=-"));
    }

    @Test
    void rateLimitedAnswersAreCountedPerRoute() {
        double before = rateLimited("auth");
        String ip = randomIp();

        for (int i = 0; i <= AUTH_LIMIT; i++) {
            send(request("POST", "/api/v1/auth/login").setHeader("X-Forwarded-For", ip));
        }

        assertThat(rateLimited("auth")).isEqualTo(before + 1);
    }

    private double rateLimited(String route) {
        return send(management("/actuator/prometheus")).body().lines()
                .filter(line -> line.startsWith("lectern_gateway_rate_limited_total{")
                        && line.contains("route=\"" + route + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
