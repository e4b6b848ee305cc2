package dev.lectern.contracts.enrollment;

import java.time.Instant;
import java.util.UUID;

public record EnrollmentEnded(UUID eventId, Instant occurredAt, UUID enrollmentId, UUID userId, UUID courseId)
        implements EnrollmentEvent {
    public static final String TYPE = "enrollment.ended";
}
