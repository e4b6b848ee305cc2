package dev.lectern.course.course;

import dev.lectern.contracts.user.Role;
import dev.lectern.course.enrollment.EnrollmentReadModel;
import dev.lectern.servicekit.problem.ForbiddenException;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.security.CurrentUser;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/** The use cases on courses and lectures, with who may do what. */
@Service
public class CourseService {

    private static final Logger log = LoggerFactory.getLogger(CourseService.class);
    private static final int MAX_ATTEMPTS = 5;

    private final CourseRepository courses;
    private final EnrollmentReadModel enrollments;
    private final Clock clock;

    CourseService(CourseRepository courses, EnrollmentReadModel enrollments, Clock clock) {
        this.courses = courses;
        this.enrollments = enrollments;
        this.clock = clock;
    }

    Course create(CurrentUser caller, CourseFields fields) {
        if (!caller.isAdmin() && !caller.is(Role.INSTRUCTOR)) {
            throw new ForbiddenException("Only instructors and admins create courses.");
        }
        return courses.save(Course.create(caller.id(), fields, clock.instant()));
    }

    Course update(CurrentUser caller, String courseId, CourseFields fields) {
        return change(caller, courseId, course -> {
            course.update(fields, clock.instant());
            return course;
        });
    }

    Course publish(CurrentUser caller, String courseId) {
        return change(caller, courseId, course -> {
            course.publish(clock.instant());
            return course;
        });
    }

    Course unpublish(CurrentUser caller, String courseId) {
        return change(caller, courseId, course -> {
            course.unpublish(clock.instant());
            return course;
        });
    }

    void delete(CurrentUser caller, String courseId) {
        change(caller, courseId, course -> {
            course.delete(clock.instant());
            return course;
        });
    }

    LectureView addLecture(CurrentUser caller, String courseId, LectureFields fields) {
        return changeLecture(caller, courseId, course -> course.addLecture(fields, clock.instant()));
    }

    LectureView changeLecture(CurrentUser caller, String courseId, String lectureId, LectureFields fields,
                              Integer position) {
        return changeLecture(caller, courseId, course -> course.changeLecture(lectureId, fields, position, clock.instant()));
    }

    void removeLecture(CurrentUser caller, String courseId, String lectureId) {
        change(caller, courseId, course -> {
            course.removeLecture(lectureId, clock.instant());
            return course;
        });
    }

    /**
     * Applies the media pipeline's report on a lecture's video. Unknown or deleted lectures are ignored (the
     * report may outlive them); a concurrent write is retried. Returns whether anything changed.
     */
    public boolean videoReported(String lectureId, VideoReport report) {
        for (int attempt = 1; ; attempt++) {
            Optional<Course> found = courses.findByLecture(lectureId);
            if (found.isEmpty()) {
                return false;
            }
            Course course = found.get();
            if (!course.videoReported(lectureId, report, clock.instant())) {
                return false;
            }
            try {
                courses.save(course);
                log.info("Lecture {} of course {}: video {}", lectureId, course.getId(), report.state().wireName());
                return true;
            } catch (OptimisticLockingFailureException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A course as the caller may see it: drafts only to their owner and admins, 404 to everyone else. */
    Course visible(Optional<CurrentUser> caller, String courseId) {
        Course course = courses.get(courseId);
        if (course.isPublished() || caller.map(c -> mayManage(c, course)).orElse(false)) {
            return course;
        }
        throw new NotFoundException("No course " + courseId + ".");
    }

    /** Whether the caller sees every lecture with its video state, rather than the public outline. */
    boolean seesFullLectures(Optional<CurrentUser> caller, Course course) {
        return caller.map(c -> mayManage(c, course) || enrollments.isEnrolled(c.id(), course.getId())).orElse(false);
    }

    private LectureView changeLecture(CurrentUser caller, String courseId, Function<Course, Lecture> change) {
        String[] lectureId = new String[1];
        Course saved = change(caller, courseId, course -> {
            lectureId[0] = change.apply(course).getId();
            return course;
        });
        Lecture lecture = saved.lecture(lectureId[0]);
        return LectureView.of(saved, lecture);
    }

    /** Loads, authorizes, changes and saves a course, retrying when a concurrent write got there first. */
    private Course change(CurrentUser caller, String courseId, Function<Course, Course> change) {
        for (int attempt = 1; ; attempt++) {
            Course course = courses.get(courseId);
            if (!mayManage(caller, course)) {
                throw new ForbiddenException("Only the course's instructor or an admin may change it.");
            }
            try {
                return courses.save(change.apply(course));
            } catch (OptimisticLockingFailureException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static boolean mayManage(CurrentUser caller, Course course) {
        return caller.isAdmin() || course.isOwnedBy(caller.id());
    }
}
