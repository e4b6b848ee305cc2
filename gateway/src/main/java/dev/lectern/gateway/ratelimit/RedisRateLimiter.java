package dev.lectern.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Fixed window per key in Redis, one atomic script per request: the first request of a key starts a window of
 * the given length, every request increments the counter, the key expires with the window.
 */
final class RedisRateLimiter implements SharedCounter {

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if count == 1 or ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final Duration timeout;

    RedisRateLimiter(ReactiveStringRedisTemplate redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    @Override
    public Mono<Decision> consume(String key, int limit, Duration window) {
        return redis.execute(SCRIPT, List.of(key), List.of(Long.toString(window.toMillis())))
                .reduce(new ArrayList<Long>(), (all, part) -> {
                    all.addAll(part);
                    return all;
                })
                .timeout(timeout)
                .map(result -> {
                    if (result.size() != 2) {
                        throw new IllegalStateException("Unexpected rate limit script result " + result);
                    }
                    return Decision.of(result.get(0), limit, Duration.ofMillis(result.get(1)));
                });
    }
}
