package dev.lectern.gateway.request;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the services who the client is as the gateway sees it ({@link ClientIpResolver}): {@code X-Real-IP},
 * always overwritten. Client-sent {@code X-Forwarded-*} headers are not forwarded (Spring Cloud Gateway drops
 * them when no trusted proxies are configured for it).
 */
@Component
class ClientAddressFilter implements GlobalFilter, Ordered {

    static final String HEADER = "X-Real-IP";

    private final ClientIpResolver clientIps;

    ClientAddressFilter(ClientIpResolver clientIps) {
        this.clientIps = clientIps;
    }

    @Override
    public int getOrder() {
        return -95;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String client = clientIps.resolve(exchange.getRequest());
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, client)))
                .build());
    }
}
