package dev.lectern.course.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.Topics;
import dev.lectern.course.ServiceUnderTest;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.ServiceClient.Caller;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What operators rely on: health of its own store and of Kafka, readiness, metrics, API docs. */
class OperationsTest extends ServiceUnderTest {

    @Test
    void healthShowsMongoAndKafkaUp() {
        var health = management.get(Caller.anonymous(), "/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("components").path("mongo").path("status").asString()).isEqualTo("UP");
        assertThat(health.body().path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessLivenessAndMetricsAnswerOnTheManagementPortAndApiDocsOnTheApiPort() {
        assertThat(management.get(Caller.anonymous(), "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(management.get(Caller.anonymous(), "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management.get(Caller.anonymous(), "/actuator/prometheus").status()).isEqualTo(200);
        var docs = api.get(Caller.anonymous(), "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/courses")).as(docs.body().path("paths").toString()).isTrue();
    }

    @Test
    void theApiPortServesNoActuatorEndpoint() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus")) {
            var response = api.get(Caller.anonymous(), path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void outboxBacklogOfEachCollectionIsAGaugeThatDrainsToZero() {
        api.post(Caller.instructor(), "/api/v1/courses", Map.of("title", "Counted", "category", "c"));

        Eventually.assertThat(() -> {
            String metrics = metrics();
            assertThat(sample(metrics, "lectern_outbox_pending{", "collection=\"courses\"")).isZero();
            assertThat(sample(metrics, "lectern_outbox_pending{", "collection=\"progress\"")).isZero();
            assertThat(sample(metrics, "lectern_outbox_oldest_age_seconds{", "collection=\"courses\"")).isZero();
        });
    }

    @Test
    void aRecordThatCanNeverBeAppliedIsCountedAsADeadLetterOfItsTopic() throws Exception {
        double before = sample(metrics(), "lectern_kafka_dead_letters_total{", "topic=\"" + Topics.ASSET_LIFECYCLE + "\"");
        assertThat(before).as("every consumed topic is counted from zero on").isNotNaN();

        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ASSET_LIFECYCLE, UUID.randomUUID().toString(),
                    "not json at all".getBytes(StandardCharsets.UTF_8))).get(15, TimeUnit.SECONDS);
        }

        Eventually.assertThat(() -> assertThat(
                sample(metrics(), "lectern_kafka_dead_letters_total{", "topic=\"" + Topics.ASSET_LIFECYCLE + "\""))
                .isEqualTo(before + 1));
    }

    @Test
    void consumerLagOfEveryListenerIsExported() {
        Eventually.assertThat(() -> assertThat(metrics()).contains("kafka_consumer_fetch_manager_records_lag_max{"));
    }

    private String metrics() {
        return management.get(Caller.anonymous(), "/actuator/prometheus").body().asString();
    }

    /** The sum of the samples of one metric whose labels contain {@code label}; NaN when there is none. */
    static double sample(String metrics, String metric, String label) {
        List<Double> values = metrics.lines()
                .filter(line -> line.startsWith(metric) && line.contains(label))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .toList();
        return values.isEmpty() ? Double.NaN : values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
