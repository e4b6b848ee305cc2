package dev.lectern.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.ServiceClient;
import dev.lectern.testkit.ServiceClient.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What operators rely on before the first feature: it boots on its own PostgreSQL and Kafka and says so. */
class OperationsTest extends MediaServiceUnderTest {

    @Test
    void healthShowsItsDatabaseAndKafkaUp() {
        var health = management().get(Caller.anonymous(), "/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.body().path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessLivenessAndMetricsAnswerOnTheManagementPortAndApiDocsOnTheApiPort() {
        assertThat(management().get(Caller.anonymous(), "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(management().get(Caller.anonymous(), "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(metrics()).contains("lectern_outbox_pending{").contains("lectern_outbox_oldest_age_seconds{")
                .contains("application=\"media-service\"");
        assertThat(api().get(Caller.anonymous(), "/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void theApiPortServesNoActuatorEndpoint() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus")) {
            var response = api().get(Caller.anonymous(), path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void forgedIdentityHeadersWithoutTokenAreRejected() {
        var response = new ServiceClient(port).send(Caller.anonymous(), "GET", "/api/v1/anything", null,
                Map.of("X-User-Id", UUID.randomUUID().toString(), "X-User-Role", "admin"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
