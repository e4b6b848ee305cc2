package dev.lectern.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in service that answers every request with what it received: service name, method, path, query,
 * headers (lower-case names) and body size. {@code ?sleep_ms=N} makes it answer late.
 */
public final class StubBackend implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final AtomicInteger requests = new AtomicInteger();
    private int port;
    private HttpServer server;

    private StubBackend(String name) {
        this.name = name;
    }

    public static StubBackend start(String name) {
        StubBackend stub = new StubBackend(name);
        stub.listen(0);
        return stub;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int requests() {
        return requests.get();
    }

    public void stop() {
        server.stop(0);
    }

    public void restart() {
        listen(port);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::echo);
        server.start();
        port = server.getAddress().getPort();
    }

    private void echo(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        long bodyBytes;
        try (InputStream body = exchange.getRequestBody()) {
            bodyBytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        URI uri = exchange.getRequestURI();
        String query = uri.getRawQuery();
        if (query != null && query.startsWith("sleep_ms=")) {
            try {
                Thread.sleep(Long.parseLong(query.substring("sleep_ms=".length())));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("service", name);
        echo.put("method", exchange.getRequestMethod());
        echo.put("path", uri.getRawPath());
        echo.put("query", query);
        echo.put("headers", headers);
        echo.put("body_bytes", bodyBytes);
        byte[] bytes = JSON.writeValueAsString(echo).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
