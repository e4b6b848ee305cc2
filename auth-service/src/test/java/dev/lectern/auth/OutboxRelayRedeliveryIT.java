package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.servicekit.outbox.Outbox;
import dev.lectern.servicekit.outbox.OutboxProperties;
import dev.lectern.servicekit.outbox.OutboxRelay;
import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.user.UserDisabled;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.TestInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay driven by hand (its schedule pushed out of the way), on a database of its own. */
@SpringBootTest(classes = AuthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "lectern.outbox.poll-interval-ms=3600000",
                "lectern.outbox.initial-delay-ms=3600000",
                "lectern.outbox.batch-size=7"
        })
class OutboxRelayRedeliveryIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.postgres("auth_relay").register(registry);
        TestInfrastructure.kafka().register(registry);
    }

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    OutboxProperties properties;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProducerFactory<?, ?> producerFactory;

    private UUID append(UUID userId) {
        UUID eventId = UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.append(new UserDisabled(eventId, Instant.now(), userId)));
        return eventId;
    }

    private long pending() {
        return jdbc.sql("select count(*) from outbox_events where published_at is null").query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    private KafkaTemplate<String, byte[]> ackLostAfterSending() {
        return new KafkaTemplate<>((ProducerFactory<String, byte[]>) producerFactory) {
            @Override
            public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
                return super.send(record).thenApply(result -> {
                    throw new IllegalStateException("relay crashed before marking the row");
                });
            }
        };
    }

    @Test
    void crashBetweenSendAndMarkRedeliversTheSameEventId() {
        relay.publishBatch();
        UUID user = UUID.randomUUID();
        try (KafkaTestConsumer users = TestInfrastructure.kafka().consumeFromNow(Topics.USERS)) {
            UUID eventId = append(user);
            OutboxRelay crashing = new OutboxRelay(jdbc, transactions, ackLostAfterSending(), properties);

            assertThatThrownBy(crashing::publishBatch).isInstanceOf(IllegalStateException.class);
            assertThat(pending()).isEqualTo(1);

            assertThat(relay.publishBatch()).isEqualTo(1);
            assertThat(pending()).isZero();
            List<ConsumerRecord<String, String>> copies = users.awaitRecords(2, r -> r.key().equals(user.toString()));
            assertThat(copies).extracting(r -> KafkaTestConsumer.header(r, EventCodec.EVENT_ID_HEADER))
                    .containsOnly(eventId.toString());
            assertThat(relay.publishBatch()).as("nothing repeats once marked").isZero();
        }
    }

    @Test
    void competingRelaysPublishEveryEventExactlyOnceInOrder() throws Exception {
        relay.publishBatch();
        UUID user = UUID.randomUUID();
        try (KafkaTestConsumer users = TestInfrastructure.kafka().consumeFromNow(Topics.USERS)) {
            List<String> appended = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                appended.add(append(user).toString());
            }
            OutboxRelay otherReplica = new OutboxRelay(jdbc, transactions, (KafkaTemplate<String, byte[]>)
                    new KafkaTemplate<>(castFactory()), properties);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> loops = new ArrayList<>();
                for (OutboxRelay replica : List.of(relay, otherReplica)) {
                    loops.add(pool.submit(() -> {
                        while (pending() > 0) {
                            replica.publishBatch();
                        }
                    }));
                }
                for (Future<?> loop : loops) {
                    loop.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<ConsumerRecord<String, String>> records = users.awaitRecords(30, r -> r.key().equals(user.toString()));
            Thread.sleep(500);
            List<String> delivered = users.records().stream().filter(r -> r.key().equals(user.toString()))
                    .map(r -> KafkaTestConsumer.header(r, EventCodec.EVENT_ID_HEADER)).toList();
            Set<String> distinct = new HashSet<>(delivered);
            assertThat(records).hasSize(30);
            assertThat(distinct).hasSize(30);
            assertThat(delivered).containsExactlyElementsOf(appended);
        }
    }

    @Test
    void cleanUpDeletesOnlyPublishedRowsPastTheRetention() {
        relay.publishBatch();
        UUID oldPublished = UUID.randomUUID();
        UUID recentPublished = UUID.randomUUID();
        UUID oldPending = UUID.randomUUID();
        java.sql.Timestamp longAgo = java.sql.Timestamp.from(Instant.now().minus(properties.retention()).minusSeconds(60));
        for (UUID id : List.of(oldPublished, recentPublished, oldPending)) {
            jdbc.sql("""
                            insert into outbox_events (id, topic, event_key, event_type, payload, created_at, published_at)
                            values (:id, 'cleanup-test', 'k', 'user.disabled', '{}'::jsonb, :created, :published)""")
                    .param("id", id)
                    .param("created", longAgo)
                    .param("published", id.equals(oldPublished) ? longAgo
                            : id.equals(recentPublished) ? java.sql.Timestamp.from(Instant.now()) : null)
                    .update();
        }

        relay.cleanUp();

        List<UUID> left = jdbc.sql("select id from outbox_events where topic = 'cleanup-test'")
                .query(UUID.class).list();
        assertThat(left).containsExactlyInAnyOrder(recentPublished, oldPending);
        jdbc.sql("delete from outbox_events where topic = 'cleanup-test'").update();
    }

    @SuppressWarnings("unchecked")
    private ProducerFactory<String, byte[]> castFactory() {
        return (ProducerFactory<String, byte[]>) producerFactory;
    }
}
