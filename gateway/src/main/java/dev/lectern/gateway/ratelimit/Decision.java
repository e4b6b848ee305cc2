package dev.lectern.gateway.ratelimit;

import java.time.Duration;

/** Outcome of counting one request against a limit. */
record Decision(boolean allowed, int limit, int remaining, Duration resetIn) {

    static Decision of(long count, int limit, Duration resetIn) {
        return new Decision(count <= limit, limit, (int) Math.max(0, limit - count), resetIn);
    }

    /** Whole seconds until the window resets, at least 1. */
    long retryAfterSeconds() {
        return Math.max(1, (resetIn.toMillis() + 999) / 1000);
    }
}
