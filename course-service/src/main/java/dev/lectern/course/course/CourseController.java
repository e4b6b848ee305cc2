package dev.lectern.course.course;

import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Instructors' and admins' writes on courses. */
@RestController
@RequestMapping("/api/v1/courses")
class CourseController {

    private final CourseService service;

    CourseController(CourseService service) {
        this.service = service;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CourseView create(CurrentUser caller, @Valid @RequestBody CourseRequests.CreateCourse body) {
        return CourseView.of(service.create(caller, body.fields()));
    }

    @PatchMapping("/{courseId}")
    CourseView update(CurrentUser caller, @PathVariable String courseId,
                      @Valid @RequestBody CourseRequests.UpdateCourse body) {
        return CourseView.of(service.update(caller, Ids.require(courseId, "course_id"), body.fields()));
    }

    @DeleteMapping("/{courseId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(CurrentUser caller, @PathVariable String courseId) {
        service.delete(caller, Ids.require(courseId, "course_id"));
    }

    @PostMapping("/{courseId}/publish")
    CourseView publish(CurrentUser caller, @PathVariable String courseId) {
        return CourseView.of(service.publish(caller, Ids.require(courseId, "course_id")));
    }

    @PostMapping("/{courseId}/unpublish")
    CourseView unpublish(CurrentUser caller, @PathVariable String courseId) {
        return CourseView.of(service.unpublish(caller, Ids.require(courseId, "course_id")));
    }
}
