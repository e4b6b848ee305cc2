package dev.lectern.media.lectureupload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the GCS resumable upload URLs Mux hands out: keeps per URL what was stored (byte count,
 * SHA-256, the first MiB), answers 308 with {@code Range} for intermediate chunks and 200 once the total
 * arrived, and records every PUT's {@code Content-Range} and body length. Faults can be scripted.
 */
final class UploadUrlStub implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern QUERY = Pattern.compile("bytes \\*/(\\d+|\\*)");
    private static final int KEPT_BYTES = 1024 * 1024;

    /** One PUT as received. */
    record Put(String contentRange, int length, int status) {
    }

    /** What one upload URL holds. */
    static final class Stored {
        final List<Put> puts = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream first = new ByteArrayOutputStream();
        final MessageDigest sha256 = sha256();
        volatile long bytes;
        volatile boolean complete;
        /** Faults to apply to the next PUTs with a body: an HTTP status, or -N to store only N bytes and answer 308. */
        final Deque<Integer> faults = new ArrayDeque<>();

        byte[] firstBytes() {
            synchronized (this) {
                return first.toByteArray();
            }
        }

        byte[] digest() {
            synchronized (this) {
                try {
                    return ((MessageDigest) sha256.clone()).digest();
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private final HttpServer server;
    private final Map<String, Stored> uploads = new ConcurrentHashMap<>();

    UploadUrlStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(String uploadId) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + uploadId
                + "?Expires=1545157644&Signature=c2lnbmF0dXJl");
    }

    Stored stored(String uploadId) {
        return uploads.computeIfAbsent("/upload/" + uploadId, k -> new Stored());
    }

    /** Scripts faults for the next PUTs with a body to {@code uploadId}: statuses, or -N for "stored N bytes, 308". */
    void fault(String uploadId, Integer... faults) {
        Stored stored = stored(uploadId);
        synchronized (stored) {
            stored.faults.addAll(List.of(faults));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Stored stored = uploads.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new Stored());
            String contentRange = exchange.getRequestHeaders().getFirst("Content-Range");
            if (!"PUT".equals(exchange.getRequestMethod()) || contentRange == null) {
                answer(exchange, stored, contentRange, 0, 400);
                return;
            }
            Matcher query = QUERY.matcher(contentRange);
            if (query.matches()) {
                exchange.getRequestBody().readAllBytes();
                answer(exchange, stored, contentRange, 0, stored.complete ? 200 : 308);
                return;
            }
            Matcher range = RANGE.matcher(contentRange);
            if (!range.matches()) {
                answer(exchange, stored, contentRange, 0, 400);
                return;
            }
            long first = Long.parseLong(range.group(1));
            long total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
            InputStream body = exchange.getRequestBody();
            Integer fault;
            synchronized (stored) {
                fault = stored.faults.poll();
            }
            if (fault != null && fault > 0) {
                int length = body.readAllBytes().length;
                answer(exchange, stored, contentRange, length, fault);
                return;
            }
            int length = 0;
            byte[] buffer = new byte[64 * 1024];
            long keep = fault == null ? Long.MAX_VALUE : -fault;
            for (int n; (n = body.read(buffer)) >= 0; ) {
                synchronized (stored) {
                    long blockStart = first + length;
                    if (blockStart <= stored.bytes) {
                        int from = (int) Math.min(n, stored.bytes - blockStart);
                        int to = (int) Math.max(0, Math.min(n, keep - length));
                        if (from < to) {
                            stored.sha256.update(buffer, from, to - from);
                            int kept = (int) Math.min(to - from, Math.max(0, KEPT_BYTES - stored.first.size()));
                            stored.first.write(buffer, from, kept);
                            stored.bytes += to - from;
                        }
                    }
                }
                length += n;
            }
            boolean done = fault == null && total >= 0 && stored.bytes == total;
            stored.complete |= done;
            answer(exchange, stored, contentRange, length, done ? 200 : 308);
        }
    }

    private static void answer(HttpExchange exchange, Stored stored, String contentRange, int length, int status)
            throws IOException {
        stored.puts.add(new Put(contentRange, length, status));
        if (status == 308 && stored.bytes > 0) {
            exchange.getResponseHeaders().add("Range", "bytes=0-" + (stored.bytes - 1));
        }
        exchange.sendResponseHeaders(status, -1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
