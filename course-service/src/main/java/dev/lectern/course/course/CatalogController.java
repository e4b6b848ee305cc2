package dev.lectern.course.course;

import dev.lectern.contracts.user.Role;
import dev.lectern.servicekit.problem.BadRequestException;
import dev.lectern.servicekit.problem.ForbiddenException;
import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public catalog of published courses, a course's page, and an instructor's own courses. */
@RestController
@Validated
class CatalogController {

    private final CourseRepository courses;
    private final CourseService service;

    CatalogController(CourseRepository courses, CourseService service) {
        this.courses = courses;
        this.service = service;
    }

    @GetMapping("/api/v1/courses")
    Page<CourseView> catalog(@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                             @RequestParam(defaultValue = "10") @Min(1) @Max(100) int size,
                             @RequestParam(required = false) @Size(max = 100) String category,
                             @RequestParam(required = false) @Size(max = 100) String q,
                             @RequestParam(name = "instructor_id", required = false) String instructorId,
                             @RequestParam(required = false) String sort) {
        var query = new CatalogQuery(page, size, blankToNull(category), blankToNull(q),
                instructorId == null || instructorId.isBlank() ? null : Ids.parse(instructorId, "instructor_id"),
                sortOf(sort));
        return courses.catalog(query).map(CourseView::of);
    }

    @GetMapping("/api/v1/courses/{courseId}")
    CourseView course(@PathVariable String courseId) {
        return CourseView.of(service.visible(CurrentUser.current(), Ids.require(courseId, "course_id")));
    }

    @GetMapping("/api/v1/instructor/courses")
    Page<CourseView> mine(CurrentUser caller,
                          @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                          @RequestParam(defaultValue = "10") @Min(1) @Max(100) int size) {
        if (!caller.is(Role.INSTRUCTOR) && !caller.isAdmin()) {
            throw new ForbiddenException("Only instructors and admins have courses of their own.");
        }
        return courses.ofInstructor(caller.id().toString(), page, size).map(CourseView::of);
    }

    private static CatalogQuery.CatalogSort sortOf(String sort) {
        if (sort == null || sort.isBlank()) {
            return CatalogQuery.CatalogSort.NEWEST;
        }
        try {
            return CatalogQuery.CatalogSort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("sort must be one of newest, oldest, title, longest.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
