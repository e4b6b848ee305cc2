package dev.lectern.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.ServiceClient;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.TestInfrastructure;
import dev.lectern.testkit.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What operators rely on before the first feature: it boots on its own PostgreSQL and Kafka and says so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.postgres("webhook").register(registry);
        TestInfrastructure.kafka().register(registry);
        TestTokens.shared().register(registry);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void healthShowsItsDatabaseAndKafkaUp() {
        var health = new ServiceClient(managementPort).get(Caller.anonymous(), "/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.body().path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessLivenessAndMetricsAnswerOnTheManagementPortAndApiDocsOnTheApiPort() {
        var management = new ServiceClient(managementPort);

        assertThat(management.get(Caller.anonymous(), "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(management.get(Caller.anonymous(), "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management.get(Caller.anonymous(), "/actuator/prometheus").body().asString())
                .contains("jvm_memory_used_bytes{").contains("application=\"webhook-service\"");
        assertThat(new ServiceClient(port).get(Caller.anonymous(), "/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void theApiPortServesNoActuatorEndpoint() {
        var api = new ServiceClient(port);
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus")) {
            var response = api.get(Caller.anonymous(), path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void webhookOutcomesAreScrapedWithTheirReason() {
        var rejected = new ServiceClient(port).send(Caller.anonymous(), "POST", "/webhooks/mux",
                "{\"type\":\"video.asset.ready\",\"id\":\"x\"}", Map.of("Mux-Signature", "t=1,v1=00"));
        assertThat(rejected.status()).isEqualTo(401);

        assertThat(new ServiceClient(managementPort).get(Caller.anonymous(), "/actuator/prometheus").body().asString())
                .containsPattern("lectern_webhook_mux_deliveries_total\\{[^}]*outcome=\"rejected\"");
    }

    @Test
    void forgedIdentityHeadersWithoutTokenAreRejected() {
        var response = new ServiceClient(port).send(Caller.anonymous(), "GET", "/api/v1/anything", null,
                Map.of("X-User-Id", UUID.randomUUID().toString(), "X-User-Role", "admin"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
