package dev.lectern.gateway.request;

import java.util.List;

import dev.lectern.gateway.error.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers CORS before authentication (a preflight carries no token); a rejected cross-origin request gets a
 * 403 problem+json.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CorsFilter implements WebFilter {

    private static final List<String> EXPOSED = List.of(RequestIds.HEADER, "Retry-After", "X-RateLimit-Limit",
            "X-RateLimit-Remaining");

    private final CorsConfiguration config;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    CorsFilter(CorsProperties properties) {
        if (properties.allowedOrigins().isEmpty()) {
            this.config = null;
            return;
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.allowedOrigins());
        cors.setAllowedMethods(properties.allowedMethods());
        cors.setAllowedHeaders(properties.allowedHeaders());
        cors.setExposedHeaders(EXPOSED);
        cors.setAllowCredentials(properties.allowCredentials());
        cors.setMaxAge(properties.maxAge());
        this.config = cors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (config == null || !CorsUtils.isCorsRequest(request)) {
            return chain.filter(exchange);
        }
        if (!processor.process(config, exchange)) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Cross-origin request not allowed");
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            exchange.getResponse().setStatusCode(HttpStatus.OK);
            return exchange.getResponse().setComplete();
        }
        return chain.filter(exchange);
    }
}
