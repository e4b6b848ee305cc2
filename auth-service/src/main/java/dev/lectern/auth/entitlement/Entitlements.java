package dev.lectern.auth.entitlement;

import dev.lectern.servicekit.problem.NotFoundException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may enroll in which premium course. Today an admin grants and revokes; this is where payments will grant
 * once they exist. Revoking does not end an enrollment that already started.
 */
@Service
public class Entitlements {

    /** A grant and whether this call created it (false: it already existed, unchanged). */
    record Granted(EntitlementView entitlement, boolean created) {
    }

    private final JdbcClient jdbc;

    Entitlements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean has(UUID userId, UUID courseId) {
        return jdbc.sql("select exists (select 1 from entitlements where user_id = :user and course_id = :course)")
                .param("user", userId)
                .param("course", courseId)
                .query(Boolean.class).single();
    }

    @Transactional
    Granted grant(UUID grantedBy, UUID userId, UUID courseId) {
        boolean userExists = jdbc.sql("select exists (select 1 from users where id = :id)")
                .param("id", userId).query(Boolean.class).single();
        if (!userExists) {
            throw new NotFoundException("No user " + userId + ".");
        }
        int inserted = jdbc.sql("""
                        insert into entitlements (user_id, course_id, granted_at, granted_by)
                        values (:user, :course, :at, :by)
                        on conflict (user_id, course_id) do nothing""")
                .param("user", userId)
                .param("course", courseId)
                .param("at", Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)))
                .param("by", grantedBy)
                .update();
        EntitlementView view = jdbc.sql("""
                        select user_id, course_id, granted_at from entitlements
                        where user_id = :user and course_id = :course""")
                .param("user", userId)
                .param("course", courseId)
                .query((rs, n) -> new EntitlementView(rs.getObject("user_id", UUID.class),
                        rs.getObject("course_id", UUID.class), rs.getTimestamp("granted_at").toInstant()))
                .single();
        return new Granted(view, inserted == 1);
    }

    /** Removes the grant if there is one. */
    @Transactional
    void revoke(UUID userId, UUID courseId) {
        jdbc.sql("delete from entitlements where user_id = :user and course_id = :course")
                .param("user", userId)
                .param("course", courseId)
                .update();
    }
}
