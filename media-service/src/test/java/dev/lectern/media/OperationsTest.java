package dev.lectern.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.ServiceClient;
import dev.lectern.testkit.ServiceClient.Caller;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What operators rely on before the first feature: it boots on its own PostgreSQL and Kafka and says so. */
class OperationsTest extends MediaServiceUnderTest {

    @Test
    void healthShowsItsDatabaseAndKafkaUp() {
        var health = new ServiceClient(port).get(Caller.anonymous(), "/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.body().path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessLivenessAndApiDocsAnswer() {
        var client = new ServiceClient(port);

        assertThat(client.get(Caller.anonymous(), "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(client.get(Caller.anonymous(), "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(client.get(Caller.anonymous(), "/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void forgedIdentityHeadersWithoutTokenAreRejected() {
        var response = new ServiceClient(port).send(Caller.anonymous(), "GET", "/api/v1/anything", null,
                Map.of("X-User-Id", UUID.randomUUID().toString(), "X-User-Role", "admin"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
