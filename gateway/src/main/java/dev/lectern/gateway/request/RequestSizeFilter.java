package dev.lectern.gateway.request;

import java.util.concurrent.atomic.AtomicLong;

import dev.lectern.gateway.error.PayloadTooLargeException;
import dev.lectern.gateway.error.Problems;
import dev.lectern.gateway.routing.RouteMetadata;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Body size limit per route: a declared Content-Length above the limit is refused at once; a streamed (chunked)
 * body is counted as it passes and cut off with 413 when it goes beyond.
 */
@Component
class RequestSizeFilter implements GlobalFilter, Ordered {

    static final int ORDER = -90;

    private final long defaultLimit;

    RequestSizeFilter(@Value("${lectern.request.max-size:1MB}") DataSize defaultLimit) {
        this.defaultLimit = defaultLimit.toBytes();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long limit = limitFor(RouteMetadata.route(exchange));
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "The request body is larger than the " + limit + " bytes allowed for this route",
                    headers -> headers.setConnection("close"));
        }
        if (declared >= 0) {
            // the server enforces the declared length; nothing to count
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new PayloadTooLargeException(limit));
                    }
                    else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private long limitFor(Route route) {
        String configured = RouteMetadata.get(route, RouteMetadata.MAX_REQUEST_SIZE);
        return configured == null || configured.isEmpty() ? defaultLimit : DataSize.parse(configured).toBytes();
    }
}
