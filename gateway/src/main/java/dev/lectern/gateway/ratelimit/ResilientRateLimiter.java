package dev.lectern.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Redis first; when Redis fails or is slower than its timeout, the in-process limiter decides instead and Redis is
 * left alone for {@code retryInterval} before the next attempt. Every fallback decision counts
 * {@code lectern.ratelimit.fallback}; the WARN is logged at most once per {@code warnInterval}.
 */
final class ResilientRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(ResilientRateLimiter.class);

    private final SharedCounter redis;
    private final LocalRateLimiter local;
    private final Counter fallbacks;
    private final long retryIntervalNanos;
    private final long warnIntervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong redisRetryAt;
    private final AtomicLong nextWarnAt;
    private final AtomicBoolean degraded = new AtomicBoolean();

    ResilientRateLimiter(SharedCounter redis, LocalRateLimiter local, MeterRegistry meters,
            Duration retryInterval, Duration warnInterval, LongSupplier nanoClock) {
        this.redis = redis;
        this.local = local;
        this.fallbacks = Counter.builder("lectern.ratelimit.fallback")
                .description("Rate limit decisions taken in-process because Redis was unavailable")
                .register(meters);
        this.retryIntervalNanos = retryInterval.toNanos();
        this.warnIntervalNanos = warnInterval.toNanos();
        this.nanoClock = nanoClock;
        long now = nanoClock.getAsLong();
        this.redisRetryAt = new AtomicLong(now);
        this.nextWarnAt = new AtomicLong(now);
    }

    Mono<Decision> consume(String key, int limit, Duration window) {
        if (nanoClock.getAsLong() - redisRetryAt.get() < 0) {
            return Mono.fromSupplier(() -> fallback(key, limit, window, null));
        }
        return redis.consume(key, limit, window)
                .doOnNext(decision -> {
                    if (degraded.compareAndSet(true, false)) {
                        log.info("Redis is back; rate limits are shared across gateway instances again");
                    }
                })
                .onErrorResume(ex -> {
                    redisRetryAt.set(nanoClock.getAsLong() + retryIntervalNanos);
                    return Mono.fromSupplier(() -> fallback(key, limit, window, ex));
                });
    }

    private Decision fallback(String key, int limit, Duration window, Throwable cause) {
        degraded.set(true);
        fallbacks.increment();
        long now = nanoClock.getAsLong();
        long warnAt = nextWarnAt.get();
        if (now - warnAt >= 0 && nextWarnAt.compareAndSet(warnAt, now + warnIntervalNanos)) {
            log.warn("Redis unavailable for rate limiting ({}); limiting per gateway instance until it is back",
                    cause == null ? "still in retry back-off" : cause.toString());
        }
        return local.consume(key, limit, window);
    }
}
