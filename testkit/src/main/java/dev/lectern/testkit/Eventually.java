package dev.lectern.testkit;

import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits for something that happens asynchronously (an event published, a relay catching up), failing
 * with the last assertion error when it does not happen in time.
 */
public final class Eventually {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {
    }

    /** Retries {@code assertion} until it passes, for up to {@link #DEFAULT_TIMEOUT}. */
    public static void assertThat(ThrowingRunnable assertion) {
        assertThat(DEFAULT_TIMEOUT, assertion);
    }

    public static void assertThat(Duration timeout, ThrowingRunnable assertion) {
        Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                .ignoreExceptions()
                .untilAsserted(assertion);
    }

    /** Retries {@code attempt} until it returns without failing an assertion, and returns what it returned. */
    public static <T> T value(Duration timeout, Callable<T> attempt) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        assertThat(timeout, () -> result.set(attempt.call()));
        return result.get();
    }

    /** Polls {@code condition} until it returns true, for up to {@link #DEFAULT_TIMEOUT}. */
    public static void until(Callable<Boolean> condition) {
        Awaitility.await().atMost(DEFAULT_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(POLL).until(condition);
    }
}
