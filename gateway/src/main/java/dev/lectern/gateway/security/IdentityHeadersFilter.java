package dev.lectern.gateway.security;

import java.util.List;
import java.util.Locale;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Identity headers are the gateway's to set: every client-sent {@code X-User-*} / {@code X-Auth-*} header is
 * dropped, and a verified token becomes {@code X-User-Id} (sub) and {@code X-User-Role} (role claim).
 * {@code Authorization} travels on unchanged.
 */
@Component
public class IdentityHeadersFilter implements GlobalFilter, Ordered {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLE = "X-User-Role";

    @Override
    public int getOrder() {
        return -100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> ((JwtAuthenticationToken) principal).getToken())
                .map(jwt -> forward(exchange, jwt))
                .switchIfEmpty(Mono.fromSupplier(() -> forward(exchange, null)))
                .flatMap(chain::filter);
    }

    private static ServerWebExchange forward(ServerWebExchange exchange, Jwt jwt) {
        return exchange.mutate().request(request -> request.headers(headers -> {
            stripIdentity(headers);
            if (jwt != null) {
                headers.set(USER_ID, jwt.getSubject());
                Object role = jwt.getClaims().get("role");
                if (role != null) {
                    headers.set(USER_ROLE, role.toString());
                }
            }
        })).build();
    }

    static void stripIdentity(HttpHeaders headers) {
        for (String name : List.copyOf(headers.headerNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-user-") || lower.startsWith("x-auth-")) {
                headers.remove(name);
            }
        }
    }
}
