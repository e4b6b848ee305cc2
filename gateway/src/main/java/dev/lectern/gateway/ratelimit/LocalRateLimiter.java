package dev.lectern.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The same fixed window as the Redis script, in this JVM: what the gateway falls back to while Redis is
 * unavailable, so each instance still enforces the limits on its own.
 */
final class LocalRateLimiter {

    private static final int PRUNE_ABOVE = 10_000;

    private record Window(long startNanos, long count) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    LocalRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    Decision consume(String key, int limit, Duration window) {
        long now = nanoClock.getAsLong();
        long length = window.toNanos();
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> now - w.startNanos() >= length);
        }
        Window current = windows.compute(key, (k, w) -> w == null || now - w.startNanos() >= length
                ? new Window(now, 1) : new Window(w.startNanos(), w.count() + 1));
        return Decision.of(current.count(), limit, Duration.ofNanos(length - (now - current.startNanos())));
    }
}
