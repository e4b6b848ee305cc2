package dev.lectern.gateway.ratelimit;

import java.time.Duration;

import dev.lectern.gateway.request.ClientIpResolver;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

    /** Fail fast while disconnected instead of queueing commands; reconnect at least once a second. */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhenRedisIsDown() {
        return options -> options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    ClientResourcesBuilderCustomizer quickRedisReconnect() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /**
     * Opens the Redis connection before the gateway reports ready, so the first requests do not pay for it (and
     * do not fall back to the in-process limiter while it is being set up).
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "lectern.rate-limit.enabled", matchIfMissing = true)
    ApplicationRunner connectRedisEarly(ReactiveStringRedisTemplate redis) {
        return args -> {
            try {
                redis.getConnectionFactory().getReactiveConnection().ping().block(Duration.ofSeconds(3));
            }
            catch (RuntimeException ex) {
                log.warn("Redis not reachable at startup ({}); rate limits stay per instance until it is", ex.toString());
            }
        };
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "lectern.rate-limit.enabled", matchIfMissing = true)
    RateLimitFilter rateLimitFilter(ReactiveStringRedisTemplate redis, ClientIpResolver clientIps,
            RateLimitProperties properties, MeterRegistry meters) {
        ResilientRateLimiter limiter = new ResilientRateLimiter(
                new RedisRateLimiter(redis, properties.redisTimeout()),
                new LocalRateLimiter(System::nanoTime), meters, properties.redisRetryInterval(),
                properties.fallbackWarnInterval(), System::nanoTime);
        return new RateLimitFilter(limiter, clientIps, properties, meters);
    }
}
