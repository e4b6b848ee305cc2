package dev.lectern.gateway.error;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import dev.lectern.gateway.request.RequestIds;
import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Every error the gateway produces itself (no route, body too large, upstream down or slow) becomes
 * problem+json; runs before Spring Boot's default handler. Never a stack trace in the response.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        // error handling runs outside the request's Reactor context; the id is put into the MDC by hand
        String requestId = RequestIds.of(exchange);
        if (requestId == null) {
            return render(exchange, ex);
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.KEY, requestId)) {
            return render(exchange, ex);
        }
    }

    private Mono<Void> render(ServerWebExchange exchange, Throwable ex) {
        String path = exchange.getRequest().getPath().value();
        PayloadTooLargeException tooLarge = find(ex, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "The request body is larger than the " + tooLarge.limitBytes() + " bytes allowed for this route");
        }
        if (ex instanceof ResponseStatusException rse) {
            return fromStatus(exchange, rse, path);
        }
        if (find(ex, AuthenticationServiceException.class) != null) {
            // the signing keys could not be fetched (auth-service down and nothing cached)
            log.warn("Token verification unavailable: {}", ex.toString());
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "Service unavailable", "Access tokens cannot be verified right now; try again later");
        }
        if (find(ex, ConnectException.class) != null || find(ex, ConnectTimeoutException.class) != null
                || find(ex, UnknownHostException.class) != null) {
            log.warn("Upstream unavailable for {}: {}", path, ex.toString());
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "Service unavailable", "The service behind this route is not reachable; try again later");
        }
        if (find(ex, TimeoutException.class) != null) {
            log.warn("Upstream timed out for {}", path);
            return gatewayTimeout(exchange);
        }
        if (find(ex, PrematureCloseException.class) != null) {
            log.warn("Upstream closed the connection for {}: {}", path, ex.toString());
            return badGateway(exchange);
        }
        log.error("Unexpected gateway error for {}", path, ex);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The gateway failed to handle the request");
    }

    private Mono<Void> fromStatus(ServerWebExchange exchange, ResponseStatusException ex, String path) {
        HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return switch (status) {
            case NOT_FOUND -> Problems.write(exchange, status, "not-found", "Not found",
                    "No route for " + exchange.getRequest().getMethod() + " " + path);
            case METHOD_NOT_ALLOWED -> Problems.write(exchange, status, "method-not-allowed", "Method not allowed",
                    "Method " + exchange.getRequest().getMethod() + " is not allowed here");
            case CONTENT_TOO_LARGE -> Problems.write(exchange, status, "payload-too-large", "Payload too large",
                    "The request body is too large for this route");
            case GATEWAY_TIMEOUT -> {
                log.warn("Upstream timed out for {}", path);
                yield gatewayTimeout(exchange);
            }
            case SERVICE_UNAVAILABLE -> Problems.write(exchange, status, "service-unavailable",
                    "Service unavailable", "The service behind this route is not available; try again later");
            case BAD_GATEWAY -> badGateway(exchange);
            default -> {
                if (status.is5xxServerError()) {
                    log.error("Gateway error {} for {}", status.value(), path, ex);
                    yield Problems.write(exchange, status, "internal", status.getReasonPhrase(),
                            "The gateway failed to handle the request");
                }
                yield Problems.write(exchange, status, slug(status), status.getReasonPhrase(),
                        ex.getReason() != null ? ex.getReason() : status.getReasonPhrase());
            }
        };
    }

    private static Mono<Void> gatewayTimeout(ServerWebExchange exchange) {
        return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Gateway timeout",
                "The service behind this route did not answer in time");
    }

    private static Mono<Void> badGateway(ServerWebExchange exchange) {
        return Problems.write(exchange, HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway",
                "The service behind this route sent no valid response");
    }

    private static String slug(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
