package dev.lectern.gateway.request;

import java.net.InetSocketAddress;

import dev.lectern.gateway.routing.RouteMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One INFO line per answered request (logger {@code dev.lectern.gateway.access}): method, path, status, time to the
 * response headers and route, with the request id and the trace id, so a request can be followed from here into
 * the services' logs. Written when the response is committed, so the gateway's own error answers are logged too;
 * requests to the management port are not.
 * {@code LOGGING_LEVEL_DEV_LECTERN_GATEWAY_ACCESS=WARN} silences it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AccessLog implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("dev.lectern.gateway.access");

    private final Environment environment;
    private volatile int managementPort = -1;

    AccessLog(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.isInfoEnabled() || isManagement(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        exchange.getResponse().beforeCommit(() -> {
            write(exchange, (System.nanoTime() - start) / 1_000_000);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** Probes and scrapes on the management port (its server shares the gateway's filters) are not logged. */
    private boolean isManagement(ServerHttpRequest request) {
        if (managementPort < 0) {
            managementPort = environment.getProperty("local.management.port", Integer.class, -1);
        }
        InetSocketAddress local = request.getLocalAddress();
        return local != null && local.getPort() == managementPort;
    }

    private static void write(ServerWebExchange exchange, long millis) {
        ServerHttpRequest request = exchange.getRequest();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Route route = RouteMetadata.route(exchange);
        String requestId = RequestIds.of(exchange);
        // the gateway's own error answers are written outside the request's Reactor context: the id goes in by hand
        try (MDC.MDCCloseable ignored = requestId == null ? null : MDC.putCloseable(RequestIds.KEY, requestId)) {
            log.info("{} {} {} {} ms route={}", request.getMethod(), request.getPath().value(),
                    status == null ? 200 : status.value(), millis, route == null ? "-" : route.getId());
        }
    }
}
