package dev.lectern.media.catalog;

import dev.lectern.contracts.course.CourseDeleted;
import dev.lectern.contracts.course.CourseDetails;
import dev.lectern.contracts.course.CourseEvent;
import dev.lectern.contracts.course.LectureAdded;
import dev.lectern.contracts.course.LectureChanged;
import dev.lectern.contracts.course.LectureDetails;
import dev.lectern.contracts.course.LectureReady;
import dev.lectern.contracts.course.LectureRemoved;
import dev.lectern.contracts.enrollment.EnrollmentEnded;
import dev.lectern.contracts.enrollment.EnrollmentEvent;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What media-service knows of courses, lectures and enrollments, kept from course-service's and auth-service's
 * events. Every write is guarded by the course version (or is an insert-once), so redelivered and late events
 * leave the same state. A removed lecture is announced as {@link LectureGone} within the same transaction.
 */
@Component
public class MediaCatalog {

    /** A lecture whose video should go: removed, or its course deleted. */
    public record LectureGone(UUID lectureId, String assetId) {
    }

    /** A lecture with what access decisions need about its course and the user asking. */
    public record CatalogLecture(UUID lectureId, UUID courseId, UUID instructorId, boolean freePreview,
                                 boolean coursePublished, boolean drm, boolean viewerEnrolled) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    MediaCatalog(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Applies a course event; returns whether it changed anything. */
    @Transactional
    public boolean apply(CourseEvent event) {
        return switch (event) {
            case LectureAdded e -> lecture(e.courseId(), e.courseVersion(), e.lectureId(), e.lecture());
            case LectureChanged e -> lecture(e.courseId(), e.courseVersion(), e.lectureId(), e.lecture());
            case LectureReady e -> lecture(e.courseId(), e.courseVersion(), e.lectureId(), e.lecture());
            case LectureRemoved e -> removed(e.courseId(), e.courseVersion(), e.lectureId(), e.assetId());
            case CourseDeleted e -> {
                boolean changed = jdbc.sql("""
                                update catalog_courses set deleted = true, course_version = :v
                                where course_id = :id and course_version < :v""")
                        .param("id", e.courseId()).param("v", e.courseVersion()).update() > 0;
                for (UUID lectureId : e.lectureIds()) {
                    changed |= removed(e.courseId(), e.courseVersion(), lectureId, null);
                }
                yield changed;
            }
            default -> course(event.courseId(), event.courseVersion(), detailsOf(event));
        };
    }

    private static CourseDetails detailsOf(CourseEvent event) {
        return switch (event) {
            case dev.lectern.contracts.course.CourseCreated e -> e.course();
            case dev.lectern.contracts.course.CourseUpdated e -> e.course();
            case dev.lectern.contracts.course.CoursePublished e -> e.course();
            case dev.lectern.contracts.course.CourseUnpublished e -> e.course();
            default -> throw new IllegalArgumentException("no course details in " + event);
        };
    }

    private boolean course(UUID courseId, long version, CourseDetails details) {
        return jdbc.sql("""
                        insert into catalog_courses (course_id, instructor_id, published, drm, course_version)
                        values (:id, :instructor, :published, :drm, :v)
                        on conflict (course_id) do update
                        set instructor_id = excluded.instructor_id, published = excluded.published,
                            drm = excluded.drm, course_version = excluded.course_version
                        where catalog_courses.course_version < excluded.course_version
                          and not catalog_courses.deleted""")
                .param("id", courseId).param("instructor", details.instructorId())
                .param("published", details.published()).param("drm", details.drm()).param("v", version)
                .update() > 0;
    }

    private boolean lecture(UUID courseId, long version, UUID lectureId, LectureDetails details) {
        return jdbc.sql("""
                        insert into catalog_lectures (lecture_id, course_id, free_preview, course_version)
                        values (:id, :course, :preview, :v)
                        on conflict (lecture_id) do update
                        set free_preview = excluded.free_preview, course_version = excluded.course_version
                        where catalog_lectures.course_version < excluded.course_version
                          and not catalog_lectures.removed""")
                .param("id", lectureId).param("course", courseId).param("preview", details.freePreview())
                .param("v", version).update() > 0;
    }

    private boolean removed(UUID courseId, long version, UUID lectureId, String assetId) {
        boolean changed = jdbc.sql("""
                        insert into catalog_lectures (lecture_id, course_id, free_preview, removed, course_version)
                        values (:id, :course, false, true, :v)
                        on conflict (lecture_id) do update set removed = true, course_version = excluded.course_version
                        where not catalog_lectures.removed""")
                .param("id", lectureId).param("course", courseId).param("v", version).update() > 0;
        if (changed) {
            events.publishEvent(new LectureGone(lectureId, assetId));
        }
        return changed;
    }

    /** Applies an enrollment event; a start after its end changes nothing. */
    @Transactional
    public boolean apply(EnrollmentEvent event) {
        return switch (event) {
            case StudentEnrolled e -> jdbc.sql("""
                            insert into enrollments (enrollment_id, user_id, course_id, active)
                            values (:id, :user, :course, true) on conflict (enrollment_id) do nothing""")
                    .param("id", e.enrollmentId()).param("user", e.userId()).param("course", e.courseId())
                    .update() > 0;
            case EnrollmentEnded e -> jdbc.sql("""
                            insert into enrollments (enrollment_id, user_id, course_id, active)
                            values (:id, :user, :course, false)
                            on conflict (enrollment_id) do update set active = false where enrollments.active""")
                    .param("id", e.enrollmentId()).param("user", e.userId()).param("course", e.courseId())
                    .update() > 0;
        };
    }

    /**
     * The lecture, unless it is unknown, removed, or its course is unknown or deleted; with whether
     * {@code viewerId} is enrolled in its course, in the same query (playback asks on every play).
     */
    public Optional<CatalogLecture> lecture(UUID lectureId, UUID viewerId) {
        return jdbc.sql("""
                        select l.lecture_id, l.course_id, c.instructor_id, l.free_preview, c.published, c.drm,
                               exists (select 1 from enrollments e
                                       where e.user_id = :viewer and e.course_id = l.course_id and e.active)
                        from catalog_lectures l join catalog_courses c on c.course_id = l.course_id
                        where l.lecture_id = :id and not l.removed and not c.deleted""")
                .param("id", lectureId).param("viewer", viewerId)
                .query((rs, n) -> new CatalogLecture(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6),
                        rs.getBoolean(7)))
                .optional();
    }
}
