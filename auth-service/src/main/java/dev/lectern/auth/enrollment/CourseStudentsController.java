package dev.lectern.auth.enrollment;

import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An instructor's view of who is enrolled in their course; admins see every course. */
@RestController
class CourseStudentsController {

    private final EnrollmentService enrollments;

    CourseStudentsController(EnrollmentService enrollments) {
        this.enrollments = enrollments;
    }

    @GetMapping("/api/v1/instructor/courses/{course_id}/students")
    PageView<StudentView> students(@PathVariable("course_id") UUID courseId,
                                   @RequestParam(name = "page", defaultValue = "1") @Min(1) int page,
                                   @RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(100) int size,
                                   CurrentUser caller) {
        return enrollments.students(caller, courseId, page, size);
    }
}
