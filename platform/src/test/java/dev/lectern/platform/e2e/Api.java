package dev.lectern.platform.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the platform over HTTP. Requests through the gateway carry a fake client address in
 * {@code X-Forwarded-For} (the platform trusts 127.0.0.1 as a proxy), a fresh one per {@link Api} so tests do
 * not share rate-limit buckets.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);

    private final URI base;
    private final String clientIp;

    private Api(URI base, String clientIp) {
        this.base = base;
        this.clientIp = clientIp;
    }

    /** Through the gateway, as a new client address. */
    static Api gateway() {
        return new Api(SharedPlatform.get().gatewayUrl(), nextClientIp());
    }

    /** Straight to a service, bypassing the gateway. */
    static Api direct(URI serviceUrl) {
        return new Api(serviceUrl, null);
    }

    /** A fresh address from the documentation ranges (never contacted: it is only a header value). */
    static String nextClientIp() {
        int n = NEXT_IP.getAndIncrement();
        return "203.0." + (113 + n / 250 % 100) + "." + (1 + n % 250);
    }

    String clientIp() {
        return clientIp;
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    Response patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    static String[] bearer(String accessToken) {
        return new String[] {"Authorization", "Bearer " + accessToken};
    }

    Response send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (clientIp != null) {
            request.header("X-Forwarded-For", clientIp);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (body instanceof RawBody raw) {
            request.header("Content-Type", raw.contentType());
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(raw.bytes()));
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(method + " " + path, response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body sent as it is (multipart forms, webhook deliveries), not as JSON. */
    record RawBody(String contentType, byte[] bytes) {
    }

    /** Builds a JSON object from alternating names and values. */
    static Map<String, Object> json(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    record Response(String request, HttpResponse<String> raw) {

        int status() {
            return raw.statusCode();
        }

        String body() {
            return raw.body();
        }

        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return request + " -> " + raw.statusCode() + " " + raw.headers().map() + " " + raw.body();
        }
    }
}
