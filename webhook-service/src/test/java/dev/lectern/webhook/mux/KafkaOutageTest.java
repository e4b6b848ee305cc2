package dev.lectern.webhook.mux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.Topics;
import dev.lectern.infra.KafkaInstance;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.ServiceClient;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.TestInfrastructure;
import dev.lectern.testkit.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With its own broker, stopped and started again: no 2xx unless Kafka acknowledged, and Mux's retry gets through. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lectern.webhook.mux.publish-timeout=PT2S")
@DirtiesContext
class KafkaOutageTest {

    private static final KafkaInstance KAFKA = new KafkaInstance();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        KAFKA.start();
        TestInfrastructure.postgres("webhook").register(registry);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("KAFKA_BOOTSTRAP_SERVERS", KAFKA::bootstrapServers);
        TestTokens.shared().register(registry);
    }

    @AfterAll
    static void stopBroker() {
        KAFKA.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServiceClient.Response deliver(String body) {
        return new ServiceClient(port).send(Caller.anonymous(), "POST", "/webhooks/mux", body,
                Map.of("Mux-Signature", MuxWebhooks.signature(body)));
    }

    private int processedRows(String id) {
        return jdbc.sql("select count(*) from processed_webhooks where mux_event_id = :id").param("id", id)
                .query(Integer.class).single();
    }

    @Test
    void whileKafkaIsDownTheDeliveryIs503AndUnrecordedThenTheRetryIsPublished() {
        UUID lecture = UUID.randomUUID();
        String before = UUID.randomUUID().toString();
        assertThat(deliver(MuxWebhooks.assetReady(before, lecture)).status()).isEqualTo(200);

        String muxEventId = UUID.randomUUID().toString();
        KAFKA.stop();
        long started = System.nanoTime();
        var duringOutage = deliver(MuxWebhooks.assetReady(muxEventId, lecture));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(duringOutage.status()).isEqualTo(503);
        assertThat(duringOutage.contentType()).startsWith("application/problem+json");
        assertThat(duringOutage.header("Retry-After")).isEqualTo("5");
        assertThat(tookMillis).as("answered before Mux's 5 s attempt timeout").isLessThan(4_500);
        assertThat(processedRows(muxEventId)).isZero();

        KAFKA.start();
        try (KafkaTestConsumer assets = KafkaTestConsumer.fromBeginning(KAFKA.bootstrapServers(), Topics.ASSET_LIFECYCLE)) {
            var retry = deliver(MuxWebhooks.assetReady(muxEventId, lecture, MuxWebhooks.oneFailedAttempt()));

            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.text("status")).isEqualTo("accepted");
            assets.awaitRecord(r -> r.key().equals(lecture.toString()) && r.value().contains(muxEventId));
            assertThat(processedRows(muxEventId)).isEqualTo(1);
        }
    }
}
