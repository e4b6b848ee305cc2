package dev.lectern.auth.enrollment;

import dev.lectern.auth.catalog.CatalogCourse;
import dev.lectern.auth.catalog.CatalogCourses;
import dev.lectern.auth.entitlement.Entitlements;
import dev.lectern.servicekit.outbox.Outbox;
import dev.lectern.contracts.enrollment.EnrollmentEnded;
import dev.lectern.contracts.enrollment.StudentEnrolled;
import dev.lectern.servicekit.problem.ConflictException;
import dev.lectern.servicekit.problem.ForbiddenException;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.security.CurrentUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Students joining and leaving courses. The course must be published in the read model; a premium one also needs an
 * entitlement. Each change writes its event to the outbox in the same transaction.
 */
@Service
class EnrollmentService {

    private final JdbcClient jdbc;
    private final CatalogCourses catalog;
    private final Entitlements entitlements;
    private final Outbox outbox;
    private final TransactionTemplate transactions;

    EnrollmentService(JdbcClient jdbc, CatalogCourses catalog, Entitlements entitlements, Outbox outbox,
                      TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.entitlements = entitlements;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    EnrollmentView enroll(UUID userId, UUID courseId) {
        CatalogCourse course = catalog.find(courseId).filter(CatalogCourse::enrollable)
                .orElseThrow(() -> unknownCourse(courseId));
        if (course.premium() && !entitlements.has(userId, courseId)) {
            throw new EntitlementRequiredException();
        }
        return transactions.execute(status -> {
            UUID id = UUID.randomUUID();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            // The partial unique index decides between concurrent requests: the loser inserts nothing.
            int inserted = jdbc.sql("""
                            insert into enrollments (id, user_id, course_id, status, enrolled_at)
                            values (:id, :user, :course, 'active', :at)
                            on conflict (user_id, course_id) where status = 'active' do nothing""")
                    .param("id", id)
                    .param("user", userId)
                    .param("course", courseId)
                    .param("at", Timestamp.from(now))
                    .update();
            if (inserted == 0) {
                throw new ConflictException("You are already enrolled in this course.");
            }
            outbox.append(new StudentEnrolled(UUID.randomUUID(), now, id, userId, courseId));
            return new EnrollmentView(id, userId, courseId, "active", now);
        });
    }

    void unenroll(UUID userId, UUID courseId) {
        transactions.executeWithoutResult(status -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Optional<UUID> ended = jdbc.sql("""
                            update enrollments set status = 'ended', ended_at = :at
                            where user_id = :user and course_id = :course and status = 'active'
                            returning id""")
                    .param("at", Timestamp.from(now))
                    .param("user", userId)
                    .param("course", courseId)
                    .query(UUID.class).optional();
            UUID id = ended.orElseThrow(() -> new NotFoundException("You are not enrolled in course " + courseId + "."));
            outbox.append(new EnrollmentEnded(UUID.randomUUID(), now, id, userId, courseId));
        });
    }

    PageView<EnrollmentView> active(UUID userId, int page, int size) {
        long total = jdbc.sql("select count(*) from enrollments where user_id = :user and status = 'active'")
                .param("user", userId).query(Long.class).single();
        List<EnrollmentView> items = jdbc.sql("""
                        select id, user_id, course_id, status, enrolled_at from enrollments
                        where user_id = :user and status = 'active'
                        order by enrolled_at, id limit :limit offset :offset""")
                .param("user", userId)
                .param("limit", size)
                .param("offset", (long) (page - 1) * size)
                .query(EnrollmentService::enrollment).list();
        return PageView.of(items, page, size, total);
    }

    /** The active students of a course: for its instructor and admins. */
    PageView<StudentView> students(CurrentUser caller, UUID courseId, int page, int size) {
        CatalogCourse course = catalog.find(courseId).filter(c -> !c.deleted())
                .orElseThrow(() -> unknownCourse(courseId));
        if (!caller.isAdmin() && !course.instructorId().equals(caller.id())) {
            throw new ForbiddenException("Only the course's instructor or an admin can list its students.");
        }
        long total = jdbc.sql("select count(*) from enrollments where course_id = :course and status = 'active'")
                .param("course", courseId).query(Long.class).single();
        List<StudentView> items = jdbc.sql("""
                        select e.user_id, u.first_name, u.last_name, u.email, e.enrolled_at
                        from enrollments e join users u on u.id = e.user_id
                        where e.course_id = :course and e.status = 'active'
                        order by e.enrolled_at, e.user_id limit :limit offset :offset""")
                .param("course", courseId)
                .param("limit", size)
                .param("offset", (long) (page - 1) * size)
                .query((rs, n) -> new StudentView(rs.getObject("user_id", UUID.class), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("email"), rs.getTimestamp("enrolled_at").toInstant()))
                .list();
        return PageView.of(items, page, size, total);
    }

    private static EnrollmentView enrollment(ResultSet rs, int row) throws SQLException {
        return new EnrollmentView(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getObject("course_id", UUID.class), rs.getString("status"),
                rs.getTimestamp("enrolled_at").toInstant());
    }

    private static NotFoundException unknownCourse(UUID courseId) {
        return new NotFoundException("No published course " + courseId + ".");
    }
}
