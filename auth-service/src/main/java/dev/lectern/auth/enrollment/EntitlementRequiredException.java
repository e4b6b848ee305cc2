package dev.lectern.auth.enrollment;

import dev.lectern.servicekit.problem.ForbiddenException;

/** 403 of type {@code https://lectern.dev/problems/entitlement-required}: a premium course without a grant. */
class EntitlementRequiredException extends ForbiddenException {

    EntitlementRequiredException() {
        super("entitlement-required", "Entitlement required",
                "This is a premium course; enrolling needs an entitlement to it.");
    }
}
