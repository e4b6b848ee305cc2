package dev.lectern.auth.enrollment;

import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own enrollments. Only students may enroll (URL rule in {@link EnrollmentAccessRules}). */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {

    record EnrollRequest(@NotNull UUID courseId) {
    }

    private final EnrollmentService enrollments;

    SubscriptionController(EnrollmentService enrollments) {
        this.enrollments = enrollments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    EnrollmentView enroll(@Valid @RequestBody EnrollRequest request, CurrentUser caller) {
        return enrollments.enroll(caller.id(), request.courseId());
    }

    @DeleteMapping("/{course_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unenroll(@PathVariable("course_id") UUID courseId, CurrentUser caller) {
        enrollments.unenroll(caller.id(), courseId);
    }

    @GetMapping
    PageView<EnrollmentView> list(@RequestParam(name = "page", defaultValue = "1") @Min(1) int page,
                                  @RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(100) int size,
                                  CurrentUser caller) {
        return enrollments.active(caller.id(), page, size);
    }
}
