package dev.lectern.course.progress;

import dev.lectern.course.course.Course;
import dev.lectern.course.course.CourseLookup;
import dev.lectern.course.course.CourseStatus;
import dev.lectern.course.course.Ids;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.security.CurrentUser;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Heartbeats from the player, and the caller's own progress through a course. */
@RestController
class ProgressController {

    private final ProgressService service;
    private final ProgressQueries queries;
    private final CourseLookup courses;

    ProgressController(ProgressService service, ProgressQueries queries, CourseLookup courses) {
        this.service = service;
        this.queries = queries;
        this.courses = courses;
    }

    @PutMapping("/api/v1/lectures/{lectureId}/progress")
    LectureProgress heartbeat(CurrentUser caller, @PathVariable String lectureId,
                              @Valid @RequestBody Heartbeat heartbeat) {
        return LectureProgress.of(service.heartbeat(caller, Ids.require(lectureId, "lecture_id"), heartbeat));
    }

    /** The caller's progress; drafts are 404 to everyone but their owner and admins, as elsewhere. */
    @GetMapping("/api/v1/courses/{courseId}/progress")
    CourseProgress progress(CurrentUser caller, @PathVariable String courseId) {
        String id = Ids.require(courseId, "course_id");
        Course course = courses.byId(id)
                .filter(c -> c.getStatus() == CourseStatus.PUBLISHED || CourseLookup.mayManage(caller, c))
                .orElseThrow(() -> new NotFoundException("No course " + id + "."));
        return queries.of(caller.id(), course);
    }

    /** The state after a heartbeat. */
    record LectureProgress(String lectureId, String courseId, double durationSeconds, double positionSeconds,
                           List<double[]> watchedRanges, double watchedSeconds, double coverage, boolean completed,
                           Instant completedAt, Instant lastWatchedAt) {
        static LectureProgress of(Progress p) {
            return new LectureProgress(p.lectureId(), p.courseId(), p.durationSeconds(), p.positionSeconds(),
                    p.ranges().stream().map(r -> new double[] {r.start(), r.end()}).toList(), p.watchedSeconds(),
                    p.coverage(), p.completed(), p.completedAt(), p.lastWatchedAt());
        }
    }
}
