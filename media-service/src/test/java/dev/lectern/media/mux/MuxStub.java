package dev.lectern.media.mux;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for api.mux.com: per method + path a script of answers (the last one repeats), bodies read
 * from recorded shapes under {@code src/test/resources/mux/}, every request kept for assertions.
 */
public final class MuxStub implements AutoCloseable {

    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    public record Answer(int status, String body, Map<String, String> headers, long delayMillis) {

        public static Answer of(int status, String resource) {
            return new Answer(status, resource == null ? null : resource(resource), Map.of(), 0);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> copy = new HashMap<>(headers);
            copy.put(name, value);
            return new Answer(status, body, copy, delayMillis);
        }

        public Answer delayedBy(long millis) {
            return new Answer(status, body, headers, millis);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> scripts = new HashMap<>();
    public final List<Recorded> requests = new CopyOnWriteArrayList<>();

    public MuxStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public MuxStub on(String method, String path, Answer... answers) {
        synchronized (scripts) {
            scripts.put(method + " " + path, new ArrayDeque<>(List.of(answers)));
        }
        return this;
    }

    public List<Recorded> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Recorded(method, path, Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer;
        synchronized (scripts) {
            Deque<Answer> script = scripts.get(method + " " + path);
            if (script == null || script.isEmpty()) {
                answer = Answer.of(404, "error-404.json");
            } else {
                answer = script.size() > 1 ? script.poll() : script.peek();
            }
        }
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (answer.body() == null) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        } catch (InterruptedException | IOException gone) {
            // client went away (timeout tests)
        } finally {
            exchange.close();
        }
    }

    public static String resource(String name) {
        try (InputStream in = MuxStub.class.getResourceAsStream("/mux/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource mux/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    public static List<String> paths(List<Recorded> recorded) {
        List<String> out = new ArrayList<>();
        recorded.forEach(r -> out.add(r.method() + " " + r.path()));
        return out;
    }
}
