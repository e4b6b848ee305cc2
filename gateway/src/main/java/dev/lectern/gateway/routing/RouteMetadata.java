package dev.lectern.gateway.routing;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/** Per-route settings carried in the route definitions' {@code metadata} (see application.yml). */
public final class RouteMetadata {

    /** Body size limit for the route, a Spring {@code DataSize} such as {@code 5GB}. */
    public static final String MAX_REQUEST_SIZE = "max-request-size";
    /** Requests per minute for the route. */
    public static final String RATE_LIMIT_PER_MINUTE = "rate-limit-per-minute";
    /** {@code ip} to key the limit by client address even for authenticated callers. */
    public static final String RATE_LIMIT_KEY = "rate-limit-key";

    private RouteMetadata() {
    }

    public static Route route(ServerWebExchange exchange) {
        return exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    }

    public static String get(Route route, String key) {
        if (route == null) {
            return null;
        }
        Object value = route.getMetadata().get(key);
        return value == null ? null : value.toString().strip();
    }
}
