package dev.lectern.auth.enrollment;

import java.time.Instant;
import java.util.UUID;

record EnrollmentView(UUID id, UUID userId, UUID courseId, String status, Instant enrolledAt) {
}
