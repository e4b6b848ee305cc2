package dev.lectern.gateway.request;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * First filter of every request: settles the request id, forwards it upstream, returns it to the client and puts
 * it in the Reactor context (and from there in the logging MDC).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> sent = exchange.getRequest().getHeaders().getValuesAsList(RequestIds.HEADER);
        String id = RequestIds.keepOrGenerate(sent.size() == 1 ? sent.getFirst() : null);
        exchange.getAttributes().put(RequestIds.KEY, id);
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(RequestIds.HEADER, id))
                .build();
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build())
                .contextWrite(context -> context.put(RequestIds.KEY, id));
    }
}
