package dev.lectern.auth.enrollment;

import java.time.Instant;
import java.util.UUID;

/** A student enrolled in a course, as its instructor sees them. */
record StudentView(UUID userId, String firstName, String lastName, String email, Instant enrolledAt) {
}
