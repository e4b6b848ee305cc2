package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.Topics;
import dev.lectern.infra.KafkaInstance;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A broker of its own, stopped mid-test: the outbox is what keeps registration working and the event alive. */
@SpringBootTest(classes = AuthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lectern.outbox.poll-interval-ms=100")
@DirtiesContext
class OutboxKafkaOutageIT extends AuthHttpSupport {

    private static final KafkaInstance KAFKA = startKafka();

    private static KafkaInstance startKafka() {
        KafkaInstance kafka = new KafkaInstance(0, 0, null, 3);
        kafka.start();
        return kafka;
    }

    @DynamicPropertySource
    static void ownInfrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.postgres("auth_outage").register(registry);
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + KAFKA.port());
        registry.add("KAFKA_BOOTSTRAP_SERVERS", () -> "localhost:" + KAFKA.port());
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @Autowired
    JdbcClient jdbc;

    private Long pendingFor(Account account) {
        return jdbc.sql("select count(*) from outbox_events where event_key = :key and published_at is null")
                .param("key", account.id().toString()).query(Long.class).single();
    }

    @Test
    void registrationWorksWhileKafkaIsDownAndItsEventIsPublishedOnceKafkaIsBack() throws InterruptedException {
        try (KafkaTestConsumer users = KafkaTestConsumer.fromNow("localhost:" + KAFKA.port(), Topics.USERS)) {
            KAFKA.stop();

            long started = System.nanoTime();
            Account account = register("student");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            Thread.sleep(1_000);
            assertThat(pendingFor(account)).isEqualTo(1);

            KAFKA.start();

            users.awaitRecord(r -> r.key().equals(account.id().toString()));
            Eventually.assertThat(() -> assertThat(pendingFor(account)).isZero());
        }
    }
}
