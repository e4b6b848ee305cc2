package dev.lectern.auth.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refresh-token families and their tokens. Rotation is a single conditional UPDATE, so of two requests
 * presenting the same token only one can mark it used.
 */
@Component
public class SessionStore {

    /** A token just marked used: its family, owner and the family's absolute end. */
    record Rotation(UUID familyId, UUID userId, Instant familyExpiresAt) {
    }

    /** What is known about a token that could not be rotated. */
    record TokenState(UUID familyId, Instant usedAt) {
    }

    private final JdbcClient jdbc;

    SessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void createFamily(UUID familyId, UUID userId, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        insert into refresh_token_families (id, user_id, created_at, expires_at)
                        values (:id, :userId, :now, :expiresAt)""")
                .param("id", familyId).param("userId", userId)
                .param("now", Timestamp.from(now)).param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    void insertToken(byte[] tokenHash, UUID familyId, UUID userId, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        insert into refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at)
                        values (:hash, :familyId, :userId, :now, :expiresAt)""")
                .param("hash", tokenHash).param("familyId", familyId).param("userId", userId)
                .param("now", Timestamp.from(now)).param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    /** Marks the token used if it is unused, unexpired and its family is live; empty otherwise. */
    Optional<Rotation> markUsed(byte[] tokenHash, Instant now) {
        return jdbc.sql("""
                        update refresh_tokens t set used_at = :now
                        from refresh_token_families f
                        where t.token_hash = :hash
                          and t.used_at is null
                          and t.expires_at > :now
                          and f.id = t.family_id
                          and f.revoked_at is null
                          and f.expires_at > :now
                        returning t.family_id, t.user_id, f.expires_at""")
                .param("hash", tokenHash).param("now", Timestamp.from(now))
                .query((rs, n) -> new Rotation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }

    Optional<TokenState> find(byte[] tokenHash) {
        return jdbc.sql("select family_id, used_at from refresh_tokens where token_hash = :hash")
                .param("hash", tokenHash)
                .query((rs, n) -> new TokenState(rs.getObject(1, UUID.class),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .optional();
    }

    int revokeFamily(UUID familyId, String reason) {
        return jdbc.sql("""
                        update refresh_token_families set revoked_at = now(), revoked_reason = :reason
                        where id = :id and revoked_at is null""")
                .param("id", familyId).param("reason", reason)
                .update();
    }

    int revokeFamilyOfToken(byte[] tokenHash, String reason) {
        return jdbc.sql("""
                        update refresh_token_families set revoked_at = now(), revoked_reason = :reason
                        where id = (select family_id from refresh_tokens where token_hash = :hash)
                          and revoked_at is null""")
                .param("hash", tokenHash).param("reason", reason)
                .update();
    }

    /** Ends every session of a user (logout everywhere, account disabled). */
    public int revokeAllForUser(UUID userId, String reason) {
        return jdbc.sql("""
                        update refresh_token_families set revoked_at = now(), revoked_reason = :reason
                        where user_id = :userId and revoked_at is null""")
                .param("userId", userId).param("reason", reason)
                .update();
    }

    /** Drops families (and their tokens) that ended more than a day ago. */
    int deleteEndedBefore(Instant cutoff) {
        return jdbc.sql("""
                        delete from refresh_token_families
                        where expires_at < :cutoff or revoked_at < :cutoff""")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
