package dev.lectern.auth.catalog;

import dev.lectern.contracts.course.CourseCreated;
import dev.lectern.contracts.course.CourseDeleted;
import dev.lectern.contracts.course.CourseDetails;
import dev.lectern.contracts.course.CourseEvent;
import dev.lectern.contracts.course.CoursePublished;
import dev.lectern.contracts.course.CourseUnpublished;
import dev.lectern.contracts.course.CourseUpdated;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code catalog_courses} read model. An event is applied only when its {@code course_version} is greater than
 * the stored one, so redelivered and out-of-date events change nothing.
 */
@Repository
public class CatalogCourses {

    private final JdbcClient jdbc;

    CatalogCourses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CatalogCourse> find(UUID courseId) {
        return jdbc.sql("""
                        select course_id, instructor_id, premium, published, deleted, course_version
                        from catalog_courses where course_id = :id""")
                .param("id", courseId)
                .query((rs, n) -> new CatalogCourse(rs.getObject("course_id", UUID.class),
                        rs.getObject("instructor_id", UUID.class), rs.getBoolean("premium"),
                        rs.getBoolean("published"), rs.getBoolean("deleted"), rs.getLong("course_version")))
                .optional();
    }

    /** Applies a course-level event; true when it changed the read model. Lecture events are not kept here. */
    boolean apply(CourseEvent event) {
        return switch (event) {
            case CourseCreated e -> upsert(e.courseId(), e.courseVersion(), e.course(), e.course().published(),
                    e.occurredAt());
            case CourseUpdated e -> upsert(e.courseId(), e.courseVersion(), e.course(), e.course().published(),
                    e.occurredAt());
            // Publishing and unpublishing say what happened by their type; that wins over the details flag.
            case CoursePublished e -> upsert(e.courseId(), e.courseVersion(), e.course(), true, e.occurredAt());
            case CourseUnpublished e -> upsert(e.courseId(), e.courseVersion(), e.course(), false, e.occurredAt());
            case CourseDeleted e -> delete(e);
            default -> false;
        };
    }

    private boolean upsert(UUID courseId, long version, CourseDetails course, boolean published,
                           Instant occurredAt) {
        // A deletion is final: a later details event (which course-service never sends) cannot revive the course.
        return jdbc.sql("""
                        insert into catalog_courses (course_id, instructor_id, premium, published, deleted,
                                                     course_version, updated_at)
                        values (:id, :instructor, :premium, :published, false, :version, :at)
                        on conflict (course_id) do update
                           set instructor_id = excluded.instructor_id, premium = excluded.premium,
                               published = excluded.published and not catalog_courses.deleted,
                               course_version = excluded.course_version, updated_at = excluded.updated_at
                         where excluded.course_version > catalog_courses.course_version""")
                .param("id", courseId)
                .param("instructor", course.instructorId())
                .param("premium", course.premium())
                .param("published", published)
                .param("version", version)
                .param("at", Timestamp.from(occurredAt))
                .update() == 1;
    }

    private boolean delete(CourseDeleted event) {
        return jdbc.sql("""
                        insert into catalog_courses (course_id, instructor_id, premium, published, deleted,
                                                     course_version, updated_at)
                        values (:id, :instructor, false, false, true, :version, :at)
                        on conflict (course_id) do update
                           set instructor_id = excluded.instructor_id, published = false, deleted = true,
                               course_version = excluded.course_version, updated_at = excluded.updated_at
                         where excluded.course_version > catalog_courses.course_version""")
                .param("id", event.courseId())
                .param("instructor", event.instructorId())
                .param("version", event.courseVersion())
                .param("at", Timestamp.from(event.occurredAt()))
                .update() == 1;
    }
}
