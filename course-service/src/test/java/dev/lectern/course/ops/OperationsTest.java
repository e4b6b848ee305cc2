package dev.lectern.course.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.course.ServiceUnderTest;
import dev.lectern.testkit.ServiceClient.Caller;
import org.junit.jupiter.api.Test;

/** What operators rely on: health of its own store and of Kafka, readiness, metrics, API docs. */
class OperationsTest extends ServiceUnderTest {

    @Test
    void healthShowsMongoAndKafkaUp() {
        var health = api.get(Caller.anonymous(), "/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("components").path("mongo").path("status").asString()).isEqualTo("UP");
        assertThat(health.body().path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessLivenessMetricsAndApiDocsAnswer() {
        assertThat(api.get(Caller.anonymous(), "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get(Caller.anonymous(), "/actuator/health/liveness").status()).isEqualTo(200);
        var docs = api.get(Caller.anonymous(), "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/courses")).as(docs.body().path("paths").toString()).isTrue();
    }
}
