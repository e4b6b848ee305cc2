package dev.lectern.contracts.user;

import java.time.Instant;
import java.util.UUID;

public record UserDisabled(UUID eventId, Instant occurredAt, UUID userId) implements UserEvent {
    public static final String TYPE = "user.disabled";
}
