package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.servicekit.outbox.Outbox;
import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.user.Role;
import dev.lectern.contracts.user.UserDisabled;
import dev.lectern.contracts.user.UserRegistered;
import dev.lectern.contracts.user.UserRoleChanged;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class UserEventsOutboxIT extends AuthIntegrationTest {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    private static void assertConforms(ConsumerRecord<String, String> record) {
        String eventType = KafkaTestConsumer.header(record, EventCodec.EVENT_TYPE_HEADER);
        String eventId = KafkaTestConsumer.header(record, EventCodec.EVENT_ID_HEADER);
        EventCodec.Encoded encoded = new EventCodec.Encoded(record.topic(), record.key(), eventId, eventType,
                record.value().getBytes(StandardCharsets.UTF_8));
        assertThat(EventContracts.violations(encoded)).isEmpty();
        DomainEvent decoded = EventCodec.decode(Topics.USERS, encoded.json()).orElseThrow();
        assertThat(decoded.eventId().toString()).isEqualTo(eventId);
        assertThat(decoded.key()).isEqualTo(record.key());
    }

    @Test
    void registrationPublishesUserRegisteredThatMatchesTheContract() {
        try (KafkaTestConsumer users = TestInfrastructure.kafka().consumeFromNow(Topics.USERS)) {
            Account account = register("instructor");

            ConsumerRecord<String, String> record = users.awaitRecord(r -> r.key().equals(account.id().toString()));

            assertThat(KafkaTestConsumer.header(record, EventCodec.EVENT_TYPE_HEADER)).isEqualTo(UserRegistered.TYPE);
            assertConforms(record);
            UserRegistered event = (UserRegistered) EventCodec.decode(Topics.USERS,
                    record.value().getBytes(StandardCharsets.UTF_8)).orElseThrow();
            assertThat(event.userId()).isEqualTo(account.id());
            assertThat(event.email()).isEqualTo(account.email());
            assertThat(event.role()).isEqualTo(Role.INSTRUCTOR);
        }
    }

    @Test
    void theEventLeavesInTheTraceOfTheRequestThatStoredIt() {
        String traceId = "5e1d0c3b2a1f4e9d8c7b6a5f4e3d2c1b";
        try (KafkaTestConsumer users = TestInfrastructure.kafka().consumeFromNow(Topics.USERS)) {
            String email = uniqueEmail();
            Reply registered = send("POST", "/api/v1/auth/register",
                    registration(email, "pw-" + UUID.randomUUID(), uniqueMobile(), "student"), null,
                    "traceparent", "00-" + traceId + "-1a2b3c4d5e6f7a8b-01");
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);

            ConsumerRecord<String, String> record = users.awaitRecord(r -> r.key().equals(registered.text("id")));

            assertThat(KafkaTestConsumer.header(record, "traceparent"))
                    .matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("1a2b3c4d5e6f7a8b");
        }
    }

    @Test
    void adminChangesPublishRoleChangedDisabledAndEnabledInOrder() {
        try (KafkaTestConsumer users = TestInfrastructure.kafka().consumeFromNow(Topics.USERS)) {
            Account account = register("student");
            String admin = admin().accessToken();
            String path = "/api/v1/admin/users/" + account.id();
            send("PATCH", path, "{\"role\":\"instructor\"}", admin);
            send("PATCH", path, "{\"disabled\":true}", admin);
            send("PATCH", path, "{\"disabled\":false}", admin);
            send("PATCH", path, "{\"disabled\":false}", admin); // no change, no event

            List<ConsumerRecord<String, String>> records =
                    users.awaitRecords(4, r -> r.key().equals(account.id().toString()));

            assertThat(records).extracting(r -> KafkaTestConsumer.header(r, EventCodec.EVENT_TYPE_HEADER))
                    .containsExactly("user.registered", "user.role_changed", "user.disabled", "user.enabled");
            records.forEach(UserEventsOutboxIT::assertConforms);
            UserRoleChanged changed = (UserRoleChanged) EventCodec.decode(Topics.USERS,
                    records.get(1).value().getBytes(StandardCharsets.UTF_8)).orElseThrow();
            assertThat(changed.previousRole()).isEqualTo(Role.STUDENT);
            assertThat(changed.role()).isEqualTo(Role.INSTRUCTOR);
        }
    }

    @Test
    void eventOfARolledBackTransactionIsNeverPublished() {
        UUID ghost = UUID.randomUUID();
        try (KafkaTestConsumer users = TestInfrastructure.kafka().consumeFromNow(Topics.USERS)) {
            transactions.executeWithoutResult(status -> {
                outbox.append(new UserDisabled(UUID.randomUUID(), Instant.now(), ghost));
                status.setRollbackOnly();
            });
            // The relay keeps order, so once a later event is out, an earlier committed one would be too.
            Account later = register("student");
            users.awaitRecord(r -> r.key().equals(later.id().toString()));

            assertThat(users.records()).noneMatch(r -> r.key().equals(ghost.toString()));
            assertThat(jdbc.sql("select count(*) from outbox_events where event_key = :key")
                    .param("key", ghost.toString()).query(Long.class).single()).isZero();
        }
    }

    @Test
    void publishedRowsAreMarkedAndPendingOnesDrain() {
        Account account = register("student");
        dev.lectern.testkit.Eventually.assertThat(() -> assertThat(jdbc.sql("""
                        select count(*) from outbox_events where event_key = :key and published_at is not null""")
                .param("key", account.id().toString()).query(Long.class).single()).isEqualTo(1));
    }
}
