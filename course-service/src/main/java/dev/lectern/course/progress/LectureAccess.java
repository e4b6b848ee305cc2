package dev.lectern.course.progress;

import dev.lectern.course.course.Course;
import dev.lectern.course.course.CourseLookup;
import dev.lectern.course.course.CourseStatus;
import dev.lectern.course.course.Lecture;
import dev.lectern.course.course.VideoState;
import dev.lectern.course.enrollment.EnrollmentReadModel;
import dev.lectern.servicekit.problem.ConflictException;
import dev.lectern.servicekit.problem.ForbiddenException;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who may record progress on a lecture: its course's enrolled students, and any signed-in user on a free-preview
 * lecture of a published course. Heartbeats are the hottest path, so ready lectures are remembered for a short
 * while ({@code lectern.progress.lecture-cache}) instead of loading their course on every heartbeat.
 */
@Component
class LectureAccess {

    private static final int CACHE_LIMIT = 10_000;

    private final CourseLookup courses;
    private final EnrollmentReadModel enrollments;
    private final Clock clock;
    private final Duration cacheFor;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    LectureAccess(CourseLookup courses, EnrollmentReadModel enrollments, Clock clock,
                  @Value("${lectern.progress.lecture-cache:PT2S}") Duration cacheFor) {
        this.courses = courses;
        this.enrollments = enrollments;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    /** What a heartbeat needs to know of its lecture. */
    record PlayableLecture(String courseId, String lectureId, boolean published, boolean freePreview,
                           boolean ready, Double durationSeconds) {
    }

    private record Cached(PlayableLecture lecture, Instant until) {
    }

    /** The lecture if the caller may record progress on it: 404 unknown, 403 not allowed, 409 video not ready. */
    PlayableLecture forProgress(CurrentUser caller, String lectureId) {
        PlayableLecture lecture = lecture(lectureId);
        boolean allowed = enrollments.isEnrolled(caller.id(), lecture.courseId())
                || lecture.freePreview() && lecture.published();
        if (!allowed) {
            throw new ForbiddenException("Only students enrolled in the course record progress on this lecture.");
        }
        if (!lecture.ready() || lecture.durationSeconds() == null || lecture.durationSeconds() <= 0) {
            throw new ConflictException("The lecture's video is not ready yet, so there is nothing to watch.");
        }
        return lecture;
    }

    private PlayableLecture lecture(String lectureId) {
        Instant now = clock.instant();
        Cached cached = cache.get(lectureId);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.lecture();
        }
        Course course = courses.byLecture(lectureId)
                .orElseThrow(() -> new NotFoundException("No lecture " + lectureId + "."));
        Lecture lecture = course.getLectures().stream().filter(l -> l.getId().equals(lectureId)).findFirst()
                .orElseThrow(() -> new NotFoundException("No lecture " + lectureId + "."));
        PlayableLecture playable = new PlayableLecture(course.getId(), lectureId,
                course.getStatus() == CourseStatus.PUBLISHED, lecture.isFreePreview(),
                lecture.getVideoState() == VideoState.READY, lecture.getDurationSeconds());
        if (playable.ready()) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(lectureId, new Cached(playable, now.plus(cacheFor)));
        }
        return playable;
    }
}
