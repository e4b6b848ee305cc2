package dev.lectern.course.course;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.lectern.course.enrollment.EnrollmentReadModel;
import dev.lectern.course.progress.CourseProgress;
import dev.lectern.course.progress.ProgressQueries;
import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
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
    private final ProgressQueries progress;

    MyCoursesController(EnrollmentReadModel enrollments, CourseRepository courses, ProgressQueries progress) {
        this.enrollments = enrollments;
        this.courses = courses;
        this.progress = progress;
    }

    @GetMapping("/api/v1/me/courses")
    Page<EnrolledCourseView> myCourses(CurrentUser caller,
                                       @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                                       @RequestParam(defaultValue = "10") @Min(1) @Max(100) int size) {
        var mine = enrollments.activeOf(caller.id(), page, size);
        Map<String, Course> byId = courses.findAll(mine.stream().map(EnrollmentReadModel.Enrollment::courseId).toList())
                .stream().collect(Collectors.toMap(Course::getId, Function.identity()));
        Map<String, CourseProgress> progressById = progress.of(caller.id(), List.copyOf(byId.values()));
        var items = mine.stream().filter(e -> byId.containsKey(e.courseId()))
                .map(e -> EnrolledCourseView.of(byId.get(e.courseId()), e.enrolledAt(), progressById.get(e.courseId())))
                .toList();
        return new Page<>(items, page, size, enrollments.countActiveOf(caller.id()));
    }

    /** A course, flattened, with when the caller enrolled, how much of it they completed and where to resume. */
    record EnrolledCourseView(@JsonUnwrapped CourseView course, Instant enrolledAt, double completionPercentage,
                              String resumeLectureId, Double resumePositionSeconds) {
        static EnrolledCourseView of(Course course, Instant enrolledAt, CourseProgress progress) {
            CourseProgress.Resume resume = progress.resume();
            return new EnrolledCourseView(CourseView.of(course), enrolledAt, progress.completionPercentage(),
                    resume == null ? null : resume.lectureId(), resume == null ? null : resume.positionSeconds());
        }
    }
}
