package dev.lectern.muxemulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A webhook endpoint for tests: records every delivery and answers with scripted statuses (then 200). */
final class WebhookReceiver implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as received: the raw body and the Mux-Signature header. */
    record Received(String signature, String contentType, byte[] body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String type() {
            return json().path("type").asString();
        }

        String id() {
            return json().path("id").asString();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private volatile String refused;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhooks/mux", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            synchronized (this) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Mux-Signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                Integer next = script.poll();
                status = next == null ? 200 : next;
                String refusedText = refused;
                if (refusedText != null && new String(body, StandardCharsets.UTF_8).contains(refusedText)) {
                    status = 503;
                }
                notifyAll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/webhooks/mux");
    }

    /** The next requests are answered with these statuses, in order. */
    synchronized void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    /** Every request whose body contains this text is answered 503. */
    void refuseContaining(String text) {
        refused = text;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<Received> received(String type) {
        return received.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** Waits until at least {@code count} requests arrived. */
    synchronized List<Received> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " webhooks, got " + received.size() + ": "
                        + received.stream().map(Received::type).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(received);
    }

    /** True if the header signs exactly this body with the secret (our own HMAC, independent of the emulator's). */
    static boolean signedWith(String secret, Received request) {
        String t = null;
        String v1 = null;
        for (String part : request.signature().split(",")) {
            String[] kv = part.split("=", 2);
            if (kv[0].equals("t")) {
                t = kv[1];
            } else if (kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(request.body());
            return HexFormat.of().formatHex(mac.doFinal()).equals(v1)
                    && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) <= 300;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
