package dev.lectern.gateway.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.lectern.gateway.request.RequestIds;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the gateway's own errors as RFC 9457 application/problem+json. */
public final class Problems {

    public static final String TYPE_PREFIX = "https://lectern.dev/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String slug, String title,
            String detail) {
        return write(exchange, status, slug, title, detail, headers -> {
        });
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String slug, String title,
            String detail, Consumer<HttpHeaders> extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + slug);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        String requestId = RequestIds.of(exchange);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        headers.setCacheControl("no-store");
        extraHeaders.accept(headers);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }
}
