package dev.lectern.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.contracts.user.Role;
import dev.lectern.contracts.user.UserDisabled;
import dev.lectern.contracts.user.UserEvent;
import dev.lectern.contracts.user.UserRegistered;
import dev.lectern.contracts.user.UserRoleChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserEventContractTest {

    private final UUID userId = UUID.randomUUID();

    @Test
    void encodedUserRegisteredConformsToContractAndCarriesItsType() {
        var event = new UserRegistered(UUID.randomUUID(), Instant.now(), userId, "ada@example.com", "Ada", "Lovelace",
                Role.INSTRUCTOR);

        EventCodec.Encoded encoded = EventCodec.encode(event);

        assertThat(encoded.eventType()).isEqualTo("user.registered");
        assertThat(encoded.key()).isEqualTo(userId.toString());
        assertThat(encoded.topic()).isEqualTo(Topics.USERS);
        assertThat(EventContracts.violations(encoded)).isEmpty();
        assertThat(new String(encoded.json(), StandardCharsets.UTF_8)).contains("\"role\":\"instructor\"");
    }

    @Test
    void encodedRoleChangeConformsToContract() {
        var event = new UserRoleChanged(UUID.randomUUID(), Instant.now(), userId, Role.STUDENT, Role.INSTRUCTOR);

        assertThat(EventContracts.violations(EventCodec.encode(event))).isEmpty();
    }

    @Test
    void contractSamplesDecodeToTheirRecords() {
        assertThat(EventCodec.decode(Topics.USERS, EventContracts.sample(Topics.USERS, "user.registered"), UserEvent.class))
                .get().isInstanceOfSatisfying(UserRegistered.class, e -> {
                    assertThat(e.role()).isEqualTo(Role.INSTRUCTOR);
                    assertThat(e.email()).isEqualTo("ada@example.com");
                });
        assertThat(EventCodec.decode(Topics.USERS, EventContracts.sample(Topics.USERS, "user.disabled")))
                .get().isInstanceOf(UserDisabled.class);
    }

    @Test
    void unknownEventTypeDecodesToEmptySoOlderConsumersSkipIt() {
        byte[] json = """
                {"event_type":"user.renamed","event_id":"%s","occurred_at":"2026-11-21T10:00:00Z","user_id":"%s"}
                """.formatted(UUID.randomUUID(), userId).getBytes(StandardCharsets.UTF_8);

        assertThat(EventCodec.decode(Topics.USERS, json)).isEmpty();
    }

    @Test
    void extraFieldIsReportedAsContractViolation() {
        byte[] json = """
                {"event_type":"user.disabled","event_id":"%s","occurred_at":"2026-11-21T10:00:00Z","user_id":"%s","reason":"x"}
                """.formatted(UUID.randomUUID(), userId).getBytes(StandardCharsets.UTF_8);

        var encoded = new EventCodec.Encoded(Topics.USERS, userId.toString(), "x", "user.disabled", json);

        assertThat(EventContracts.violations(encoded)).containsExactly("not in contract /reason");
    }

    @Test
    void garbageIsMalformedNotASilentSkip() {
        assertThatThrownBy(() -> EventCodec.decode(Topics.USERS, "[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode(Topics.USERS, "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.MalformedEventException.class);
    }
}
