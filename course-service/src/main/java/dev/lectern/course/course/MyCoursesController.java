package dev.lectern.course.course;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.lectern.course.enrollment.EnrollmentReadModel;
import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The courses the caller is enrolled in, from the enrollment read model. */
@RestController
@Validated
class MyCoursesController {

    private final EnrollmentReadModel enrollments;
    private final CourseRepository courses;

    MyCoursesController(EnrollmentReadModel enrollments, CourseRepository courses) {
        this.enrollments = enrollments;
        this.courses = courses;
    }

    @GetMapping("/api/v1/me/courses")
    Page<EnrolledCourseView> myCourses(CurrentUser caller,
                                       @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                                       @RequestParam(defaultValue = "10") @Min(1) @Max(100) int size) {
        var mine = enrollments.activeOf(caller.id(), page, size);
        Map<String, Course> byId = courses.findAll(mine.stream().map(EnrollmentReadModel.Enrollment::courseId).toList())
                .stream().collect(Collectors.toMap(Course::getId, Function.identity()));
        var items = mine.stream().filter(e -> byId.containsKey(e.courseId()))
                .map(e -> new EnrolledCourseView(CourseView.of(byId.get(e.courseId())), e.enrolledAt()))
                .toList();
        return new Page<>(items, page, size, enrollments.countActiveOf(caller.id()));
    }

    /** A course, flattened, with when the caller enrolled. */
    record EnrolledCourseView(@JsonUnwrapped CourseView course, Instant enrolledAt) {
    }
}
