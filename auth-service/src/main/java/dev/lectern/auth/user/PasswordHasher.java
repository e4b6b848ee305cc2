package dev.lectern.auth.user;

import dev.lectern.auth.AuthProperties;
import dev.lectern.servicekit.problem.ProblemException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Runs Argon2 on a bounded pool (one thread per core, short queue), so a burst of logins cannot take every
 * request thread and all memory; past the queue the answer is 503.
 */
@Component
public class PasswordHasher implements DisposableBean {

    private final Argon2PasswordEncoder encoder = PasswordHashing.newEncoder();
    private final ThreadPoolExecutor pool;
    /** Hash compared against when the email is unknown, so that path costs the same as a wrong password. */
    private final String dummyHash;

    public PasswordHasher(AuthProperties properties) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(properties.hashingThreads(), properties.hashingThreads(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(properties.hashingQueue()), runnable -> {
                    Thread thread = new Thread(runnable, "password-hashing-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
    }

    public String hash(String rawPassword) {
        return run(() -> encoder.encode(rawPassword));
    }

    public boolean matches(String rawPassword, String hash) {
        return run(() -> encoder.matches(rawPassword, hash));
    }

    /** Spends the time of one verification and always fails. */
    public boolean matchesNothing(String rawPassword) {
        run(() -> encoder.matches(rawPassword, dummyHash));
        return false;
    }

    private <T> T run(Callable<T> work) {
        try {
            return pool.submit(work).get();
        } catch (RejectedExecutionException e) {
            ProblemException busy = new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy",
                    "Too many sign-ins at once. Retry in a moment.");
            busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            throw busy;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
