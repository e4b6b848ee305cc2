package dev.lectern.auth.entitlement;

import java.time.Instant;
import java.util.UUID;

record EntitlementView(UUID userId, UUID courseId, Instant grantedAt) {
}
