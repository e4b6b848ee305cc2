package dev.lectern.webhook.mux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.Topics;
import dev.lectern.infra.PostgresInstance;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.ServiceClient;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.TestInfrastructure;
import dev.lectern.testkit.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without its database the service cannot tell a duplicate, so it publishes nothing and asks Mux to retry. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseOutageTest {

    private static final PostgresInstance POSTGRES = new PostgresInstance();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        POSTGRES.start();
        POSTGRES.ensureDatabase("webhook");
        registry.add("spring.datasource.url", () -> POSTGRES.jdbcUrl("webhook"));
        registry.add("spring.datasource.username", POSTGRES::username);
        registry.add("spring.datasource.password", POSTGRES::password);
        TestInfrastructure.kafka().register(registry);
        TestTokens.shared().register(registry);
    }

    @AfterAll
    static void stopDatabase() {
        POSTGRES.close();
    }

    @LocalServerPort
    int port;

    @Test
    void whileTheDatabaseIsDownTheDeliveryIs503FastAndNothingIsPublished() {
        UUID lecture = UUID.randomUUID();
        String body = MuxWebhooks.assetReady(UUID.randomUUID().toString(), lecture);
        POSTGRES.stop();
        try (KafkaTestConsumer assets = TestInfrastructure.kafka().consumeFromNow(Topics.ASSET_LIFECYCLE)) {
            long started = System.nanoTime();
            var response = new ServiceClient(port).send(Caller.anonymous(), "POST", "/webhooks/mux", body,
                    Map.of("Mux-Signature", MuxWebhooks.signature(body)));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("5");
            assertThat(tookMillis).as("answered before Mux's 5 s attempt timeout").isLessThan(4_500);
            assertThat(assets.records()).noneMatch(r -> r.key().equals(lecture.toString()));
        }
    }
}
