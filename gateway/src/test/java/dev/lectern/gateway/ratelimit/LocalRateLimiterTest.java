package dev.lectern.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final LocalRateLimiter limiter = new LocalRateLimiter(nanos::get);
    private final Duration minute = Duration.ofMinutes(1);

    @Test
    void allowsUpToTheLimitThenRefusesUntilTheWindowEnds() {
        for (int i = 1; i <= 3; i++) {
            Decision decision = limiter.consume("k", 3, minute);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(3 - i);
        }
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());

        Decision refused = limiter.consume("k", 3, minute);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(40);

        nanos.addAndGet(Duration.ofSeconds(40).toNanos());
        assertThat(limiter.consume("k", 3, minute).allowed()).isTrue();
    }

    @Test
    void keysAreCountedSeparately() {
        assertThat(limiter.consume("a", 1, minute).allowed()).isTrue();
        assertThat(limiter.consume("a", 1, minute).allowed()).isFalse();
        assertThat(limiter.consume("b", 1, minute).allowed()).isTrue();
    }
}
