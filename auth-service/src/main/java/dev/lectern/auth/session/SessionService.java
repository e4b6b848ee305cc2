package dev.lectern.auth.session;

import dev.lectern.auth.AuthProperties;
import dev.lectern.auth.token.AccessTokenIssuer;
import dev.lectern.auth.user.PasswordHasher;
import dev.lectern.auth.user.UserAccount;
import dev.lectern.auth.user.UserRepository;
import dev.lectern.servicekit.problem.UnauthorizedException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in and sessions. A login starts a refresh-token family; each refresh rotates the token; presenting a
 * token that was already used revokes its whole family (ASVS 10.4.5).
 */
@Service
public class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    static final String INVALID_CREDENTIALS = "Invalid email or password.";
    static final String INVALID_REFRESH = "The refresh token is invalid, expired or revoked.";

    /** An access token with the refresh token that renews it. */
    public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }

    private record Renewal(UserAccount user, String refreshToken) {
    }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionStore store;
    private final AccessTokenIssuer accessTokens;
    private final TransactionTemplate transactions;
    private final Duration tokenTtl;
    private final Duration familyMaxAge;
    private final MeterRegistry meters;

    public SessionService(UserRepository users, PasswordHasher hasher, SessionStore store,
                          AccessTokenIssuer accessTokens, TransactionTemplate transactions, AuthProperties properties,
                          MeterRegistry meters) {
        this.users = users;
        this.hasher = hasher;
        this.store = store;
        this.accessTokens = accessTokens;
        this.transactions = transactions;
        this.tokenTtl = properties.refreshTokenTtl();
        this.familyMaxAge = properties.refreshFamilyMaxAge();
        this.meters = meters;
    }

    private void count(String name, String outcome) {
        meters.counter(name, "outcome", outcome).increment();
    }

    /** Unknown email, wrong password and disabled account all fail the same way, after the same hashing work. */
    TokenPair login(String email, String password) {
        Optional<UserAccount> found = users.findByEmail(UserAccount.normalizeEmail(email));
        boolean matches = found.isPresent()
                ? hasher.matches(password, found.get().passwordHash())
                : hasher.matchesNothing(password);
        if (!matches || found.get().disabled()) {
            log.info("Failed sign-in");
            count("lectern.auth.logins", "rejected");
            throw new UnauthorizedException(INVALID_CREDENTIALS);
        }
        UserAccount user = found.get();
        Instant now = now();
        String refreshToken = RefreshTokens.newToken();
        transactions.executeWithoutResult(status -> {
            UUID familyId = UUID.randomUUID();
            Instant familyExpiresAt = now.plus(familyMaxAge);
            store.createFamily(familyId, user.getId(), now, familyExpiresAt);
            store.insertToken(RefreshTokens.hash(refreshToken), familyId, user.getId(), now,
                    earliest(now.plus(tokenTtl), familyExpiresAt));
        });
        log.info("User {} signed in", user.getId());
        count("lectern.auth.logins", "success");
        return pair(user, refreshToken);
    }

    TokenPair refresh(String refreshToken) {
        byte[] hash = RefreshTokens.hash(refreshToken);
        Instant now = now();
        Renewal renewal = transactions.execute(status -> {
            Optional<SessionStore.Rotation> rotation = store.markUsed(hash, now);
            if (rotation.isEmpty()) {
                store.find(hash).filter(state -> state.usedAt() != null).ifPresent(state -> {
                    if (store.revokeFamily(state.familyId(), "reuse_detected") > 0) {
                        log.warn("Refresh token reuse detected: session family {} revoked", state.familyId());
                    }
                    count("lectern.auth.refreshes", "reuse_detected");
                });
                return null;
            }
            SessionStore.Rotation used = rotation.get();
            Optional<UserAccount> user = users.findById(used.userId()).filter(u -> !u.disabled());
            if (user.isEmpty()) {
                store.revokeFamily(used.familyId(), "user_disabled");
                return null;
            }
            String next = RefreshTokens.newToken();
            store.insertToken(RefreshTokens.hash(next), used.familyId(), used.userId(), now,
                    earliest(now.plus(tokenTtl), used.familyExpiresAt()));
            return new Renewal(user.get(), next);
        });
        if (renewal == null) {
            count("lectern.auth.refreshes", "rejected");
            throw new UnauthorizedException(INVALID_REFRESH);
        }
        count("lectern.auth.refreshes", "success");
        return pair(renewal.user(), renewal.refreshToken());
    }

    /** Ends the session the token belongs to; an unknown token is not an error. */
    void logout(String refreshToken) {
        store.revokeFamilyOfToken(RefreshTokens.hash(refreshToken), "logout");
    }

    void logoutEverywhere(UUID userId) {
        int ended = store.revokeAllForUser(userId, "logout_all");
        log.info("User {} ended {} sessions", userId, ended);
    }

    @Scheduled(fixedDelayString = "${lectern.auth.session-cleanup-interval-ms:3600000}", initialDelay = 120_000)
    void deleteEndedSessions() {
        store.deleteEndedBefore(now().minus(Duration.ofDays(1)));
    }

    private TokenPair pair(UserAccount user, String refreshToken) {
        AccessTokenIssuer.AccessToken access = accessTokens.issue(user.getId(), user.role());
        return new TokenPair(access.value(), refreshToken, "Bearer", access.expiresInSeconds());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
