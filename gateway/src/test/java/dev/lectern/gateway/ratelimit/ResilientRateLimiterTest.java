package dev.lectern.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ResilientRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(5_000);
    private final AtomicBoolean redisUp = new AtomicBoolean(true);
    private final AtomicInteger redisCalls = new AtomicInteger();
    private final SharedCounter redis = (key, limit, window) -> {
        redisCalls.incrementAndGet();
        return redisUp.get() ? Mono.just(Decision.of(1, limit, window))
                : Mono.error(new IllegalStateException("connection refused"));
    };
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ResilientRateLimiter limiter = new ResilientRateLimiter(redis, new LocalRateLimiter(nanos::get),
            meters, Duration.ofSeconds(1), Duration.ofMinutes(1), nanos::get);
    private final Duration minute = Duration.ofMinutes(1);

    @Test
    void whenRedisFailsTheLocalLimiterDecidesAndTheFallbackIsCounted() {
        redisUp.set(false);

        assertThat(limiter.consume("k", 2, minute).block().allowed()).isTrue();
        assertThat(limiter.consume("k", 2, minute).block().allowed()).isTrue();
        assertThat(limiter.consume("k", 2, minute).block().allowed()).isFalse();
        assertThat(meters.counter("lectern.ratelimit.fallback").count()).isEqualTo(3);
    }

    @Test
    void afterAFailureRedisIsLeftAloneForTheRetryIntervalThenUsedAgain() {
        redisUp.set(false);
        limiter.consume("k", 5, minute).block();
        limiter.consume("k", 5, minute).block();
        assertThat(redisCalls).hasValue(1);

        redisUp.set(true);
        nanos.addAndGet(Duration.ofMillis(1_001).toNanos());
        Decision decision = limiter.consume("k", 5, minute).block();

        assertThat(redisCalls).hasValue(2);
        assertThat(decision.remaining()).isEqualTo(4); // Redis' answer, not the local count
        assertThat(meters.counter("lectern.ratelimit.fallback").count()).isEqualTo(2);
    }
}
