package dev.lectern.gateway.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits are requests per minute. {@code routes} overrides single routes by id, written as
 * {@code "route-id=limit,route-id=limit"} so that it fits one environment variable.
 */
@ConfigurationProperties("lectern.rate-limit")
record RateLimitProperties(boolean enabled, int defaultPerMinute, String routes, Duration redisTimeout,
        Duration redisRetryInterval, Duration fallbackWarnInterval) {

    Map<String, Integer> routeLimits() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        if (routes == null || routes.isBlank()) {
            return limits;
        }
        for (String pair : routes.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("LECTERN_RATE_LIMIT_ROUTES entry is not route-id=limit: " + pair);
            }
            limits.put(pair.substring(0, eq).strip(), Integer.parseInt(pair.substring(eq + 1).strip()));
        }
        return limits;
    }
}
