package dev.lectern.contracts.user;

import java.time.Instant;
import java.util.UUID;

public record UserRoleChanged(UUID eventId, Instant occurredAt, UUID userId, Role previousRole, Role role)
        implements UserEvent {
    public static final String TYPE = "user.role_changed";
}
