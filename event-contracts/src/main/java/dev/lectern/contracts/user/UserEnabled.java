package dev.lectern.contracts.user;

import java.time.Instant;
import java.util.UUID;

public record UserEnabled(UUID eventId, Instant occurredAt, UUID userId) implements UserEvent {
    public static final String TYPE = "user.enabled";
}
