package dev.lectern.contracts.user;

import java.time.Instant;
import java.util.UUID;

public record UserRegistered(UUID eventId, Instant occurredAt, UUID userId, String email, String firstName,
                             String lastName, Role role) implements UserEvent {
    public static final String TYPE = "user.registered";
}
