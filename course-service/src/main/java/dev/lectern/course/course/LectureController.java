package dev.lectern.course.course;

import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A course's lectures: the owner and admins write; who reads how much depends on the caller. */
@RestController
@RequestMapping("/api/v1/courses/{courseId}/lectures")
class LectureController {

    private final CourseService service;

    LectureController(CourseService service) {
        this.service = service;
    }

    @GetMapping
    List<LectureView> list(@PathVariable String courseId) {
        var caller = CurrentUser.current();
        Course course = service.visible(caller, Ids.require(courseId, "course_id"));
        boolean full = service.seesFullLectures(caller, course);
        return course.getLectures().stream()
                .map(l -> full ? LectureView.of(course, l) : LectureView.outline(course, l))
                .toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    LectureView add(CurrentUser caller, @PathVariable String courseId,
                    @Valid @RequestBody CourseRequests.CreateLecture body) {
        return service.addLecture(caller, Ids.require(courseId, "course_id"), body.fields());
    }

    @PatchMapping("/{lectureId}")
    LectureView change(CurrentUser caller, @PathVariable String courseId, @PathVariable String lectureId,
                       @Valid @RequestBody CourseRequests.UpdateLecture body) {
        return service.changeLecture(caller, Ids.require(courseId, "course_id"), Ids.require(lectureId, "lecture_id"),
                body.fields(), body.position());
    }

    /** Moves a lecture to a position within its course (1 = first); the others shift. */
    @PutMapping("/{lectureId}/position")
    LectureView move(CurrentUser caller, @PathVariable String courseId, @PathVariable String lectureId,
                     @Valid @RequestBody CourseRequests.MoveLecture body) {
        return service.changeLecture(caller, Ids.require(courseId, "course_id"), Ids.require(lectureId, "lecture_id"),
                new LectureFields(null, null, null, null, null), body.position());
    }

    @DeleteMapping("/{lectureId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(CurrentUser caller, @PathVariable String courseId, @PathVariable String lectureId) {
        service.removeLecture(caller, Ids.require(courseId, "course_id"), Ids.require(lectureId, "lecture_id"));
    }
}
