package dev.lectern.gateway.ratelimit;

import java.time.Duration;

import dev.lectern.gateway.request.ClientIpResolver;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

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

    @Bean
    @ConditionalOnBooleanProperty(name = "lectern.rate-limit.enabled", matchIfMissing = true)
    RateLimitFilter rateLimitFilter(ReactiveStringRedisTemplate redis, ClientIpResolver clientIps,
            RateLimitProperties properties, MeterRegistry meters) {
        ResilientRateLimiter limiter = new ResilientRateLimiter(
                new RedisRateLimiter(redis, properties.redisTimeout()),
                new LocalRateLimiter(System::nanoTime), meters, properties.redisRetryInterval(),
                properties.fallbackWarnInterval(), System::nanoTime);
        return new RateLimitFilter(limiter, clientIps, properties);
    }
}
