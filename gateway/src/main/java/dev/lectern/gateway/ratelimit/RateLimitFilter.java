package dev.lectern.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import dev.lectern.gateway.error.Problems;
import dev.lectern.gateway.request.ClientIpResolver;
import dev.lectern.gateway.routing.RouteMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts every routed request against its route's limit, keyed by the verified user id, or by client IP when
 * there is no token or the route says {@code rate-limit-key: ip} (the auth endpoints). Limited responses carry
 * {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}; over the limit is 429 with {@code Retry-After}, counted
 * per route ({@code lectern.gateway.rate_limited}).
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    /** Requests answered 429 by this filter, tag {@code route}. */
    static final String RATE_LIMITED = "lectern.gateway.rate_limited";

    private final ResilientRateLimiter limiter;
    private final ClientIpResolver clientIps;
    private final int defaultLimit;
    private final Map<String, Integer> routeLimits;
    private final MeterRegistry meters;

    RateLimitFilter(ResilientRateLimiter limiter, ClientIpResolver clientIps, RateLimitProperties properties,
            MeterRegistry meters) {
        this.limiter = limiter;
        this.clientIps = clientIps;
        this.defaultLimit = properties.defaultPerMinute();
        this.routeLimits = properties.routeLimits();
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        // after the identity is known (security runs as a web filter), before the body size check
        return -110;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = RouteMetadata.route(exchange);
        if (route == null) {
            return chain.filter(exchange);
        }
        int limit = limitFor(route);
        boolean byIp = "ip".equalsIgnoreCase(RouteMetadata.get(route, RouteMetadata.RATE_LIMIT_KEY));
        return subject(exchange, byIp)
                .flatMap(subject -> limiter.consume("lectern:rl:{" + route.getId() + ":" + subject + "}", limit,
                        WINDOW))
                .flatMap(decision -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set(LIMIT_HEADER, Integer.toString(decision.limit()));
                    headers.set(REMAINING_HEADER, Integer.toString(decision.remaining()));
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    meters.counter(RATE_LIMITED, "route", route.getId()).increment();
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                            "Rate limit of " + decision.limit() + " requests per minute exceeded; retry after "
                                    + decision.retryAfterSeconds() + " s",
                            h -> h.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds())));
                });
    }

    private Mono<String> subject(ServerWebExchange exchange, boolean byIp) {
        Mono<String> ip = Mono.fromSupplier(() -> "ip:" + clientIps.resolve(exchange.getRequest()));
        if (byIp) {
            return ip;
        }
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> "user:" + ((JwtAuthenticationToken) principal).getToken().getSubject())
                .switchIfEmpty(ip);
    }

    private int limitFor(Route route) {
        Integer override = routeLimits.get(route.getId());
        if (override != null) {
            return override;
        }
        String configured = RouteMetadata.get(route, RouteMetadata.RATE_LIMIT_PER_MINUTE);
        return configured == null || configured.isEmpty() ? defaultLimit : Integer.parseInt(configured);
    }
}
