package dev.lectern.auth.entitlement;

import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin only: the URL rule for {@code /api/v1/admin/**} answers 403 to everyone else. */
@RestController
@RequestMapping("/api/v1/admin/entitlements")
class AdminEntitlementController {

    record GrantRequest(@NotNull UUID userId, @NotNull UUID courseId) {
    }

    private final Entitlements entitlements;

    AdminEntitlementController(Entitlements entitlements) {
        this.entitlements = entitlements;
    }

    /** 201 with the new grant; 200 with the existing one when it was already granted. */
    @PostMapping
    ResponseEntity<EntitlementView> grant(@Valid @RequestBody GrantRequest request, CurrentUser caller) {
        Entitlements.Granted granted = entitlements.grant(caller.id(), request.userId(), request.courseId());
        return ResponseEntity.status(granted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(granted.entitlement());
    }

    /** 204 whether or not there was a grant, so a retried revoke is harmless. */
    @DeleteMapping("/{user_id}/{course_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable("user_id") UUID userId, @PathVariable("course_id") UUID courseId) {
        entitlements.revoke(userId, courseId);
    }
}
