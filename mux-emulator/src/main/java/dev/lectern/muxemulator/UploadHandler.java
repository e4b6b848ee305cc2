package dev.lectern.muxemulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.lectern.muxemulator.Store.UploadState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed upload URL, answering like a Google Cloud Storage resumable upload: one {@code PUT} with the whole
 * file, or chunks with {@code Content-Range} answered 308 + {@code Range} until the last; {@code bytes *}/total
 * asks how much is stored. Bytes go straight to disk.
 */
final class UploadHandler {

    private static final Pattern CHUNK = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern STATUS = Pattern.compile("bytes \\*/(\\d+|\\*)");
    private static final int BUFFER = 64 * 1024;

    private final Store store;
    private final Pipeline pipeline;
    private final int chunkMultiple;
    /** One PUT at a time per upload; a lock, not a monitor, so virtual threads reading bodies are not pinned. */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    UploadHandler(Store store, Pipeline pipeline, int chunkMultiple) {
        this.store = store;
        this.pipeline = pipeline;
        this.chunkMultiple = chunkMultiple;
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        List<String> s = Http.segments(path, "/upload");
        UploadState upload = s.size() == 1 ? store.upload(s.getFirst()).orElse(null) : null;
        if (upload == null) {
            gcsError(exchange, 404, "No such upload.");
            return;
        }
        cors(exchange, upload);
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            preflight(exchange);
            return;
        }
        String sig = Http.query(exchange).get("sig");
        if (sig == null || !MessageDigest.isEqual(sig.getBytes(StandardCharsets.UTF_8),
                upload.sig().getBytes(StandardCharsets.UTF_8))) {
            gcsError(exchange, 403, "The request signature does not match.");
            return;
        }
        if (!exchange.getRequestMethod().equals("PUT") && !exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "PUT, OPTIONS");
            gcsError(exchange, 405, "Use PUT to upload.");
            return;
        }
        ReentrantLock lock = locks.computeIfAbsent(upload.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            put(exchange, upload.id());
        } finally {
            lock.unlock();
        }
    }

    private void put(HttpExchange exchange, String uploadId) throws IOException {
        UploadState upload = store.upload(uploadId).orElseThrow();
        Path file = store.uploadFile(uploadId);
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        if (range != null) {
            range = range.strip();
        }
        if (!upload.status().equals("waiting")) {
            drain(exchange);
            boolean finished = upload.status().equals("asset_created") && range != null && STATUS.matcher(range).matches();
            if (finished) {
                Http.empty(exchange, 200);
            } else {
                gcsError(exchange, 410, "The upload is " + upload.status().replace('_', ' ') + ".");
            }
            return;
        }
        long stored = Files.exists(file) ? Files.size(file) : 0;
        if (range == null) {
            long written = write(exchange.getRequestBody(), file, 0, 0, false);
            complete(exchange, upload, written);
            return;
        }
        Matcher status = STATUS.matcher(range);
        if (status.matches()) {
            drain(exchange);
            if (!status.group(1).equals("*") && Long.parseLong(status.group(1)) == stored && stored > 0) {
                complete(exchange, upload, stored);
            } else {
                incomplete(exchange, stored);
            }
            return;
        }
        Matcher chunk = CHUNK.matcher(range);
        if (!chunk.matches()) {
            drain(exchange);
            gcsError(exchange, 400, "Invalid Content-Range header.");
            return;
        }
        long first = Long.parseLong(chunk.group(1));
        long last = Long.parseLong(chunk.group(2));
        Long total = chunk.group(3).equals("*") ? null : Long.parseLong(chunk.group(3));
        long length = last - first + 1;
        boolean final0 = total != null && last + 1 == total;
        if (last < first || first > stored || (total != null && last >= total)) {
            drain(exchange);
            gcsError(exchange, 400, "Content-Range " + range + " does not continue the " + stored + " bytes stored.");
            return;
        }
        if (!final0 && length % chunkMultiple != 0) {
            drain(exchange);
            gcsError(exchange, 400, "Every chunk but the last must be a multiple of " + chunkMultiple + " bytes.");
            return;
        }
        long received = write(exchange.getRequestBody(), file, first, stored - first, true);
        if (received != length) {
            Files.newByteChannel(file, StandardOpenOption.WRITE).truncate(first + Math.min(received, length)).close();
            gcsError(exchange, 400, "The chunk has " + received + " bytes, Content-Range says " + length + ".");
            return;
        }
        if (final0) {
            complete(exchange, upload, total);
        } else {
            incomplete(exchange, last + 1);
        }
    }

    /** Writes the body at {@code offset}, skipping {@code skip} bytes already stored; returns the body's length. */
    private static long write(InputStream body, Path file, long offset, long skip, boolean keep) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (!keep) {
                channel.truncate(0);
            }
            long count = 0;
            long position = offset;
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = body.read(buffer)) != -1) {
                int from = 0;
                if (count < skip) {
                    from = (int) Math.min(read, skip - count);
                    position += from;
                }
                ByteBuffer slice = ByteBuffer.wrap(buffer, from, read - from);
                while (slice.hasRemaining()) {
                    position += channel.write(slice, position);
                }
                count += read;
            }
            return count;
        }
    }

    private void complete(HttpExchange exchange, UploadState upload, long size) throws IOException {
        synchronized (store) {
            UploadState current = store.upload(upload.id()).orElseThrow();
            if (!current.status().equals("waiting")) {
                gcsError(exchange, 410, "The upload is " + current.status().replace('_', ' ') + ".");
                return;
            }
            pipeline.uploadComplete(current);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        Http.bytes(exchange, 200, "application/json; charset=utf-8",
                ("{\"kind\":\"storage#object\",\"name\":\"" + upload.id() + "\",\"size\":\"" + size + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static void incomplete(HttpExchange exchange, long stored) throws IOException {
        if (stored > 0) {
            exchange.getResponseHeaders().set("Range", "bytes=0-" + (stored - 1));
        }
        exchange.getResponseHeaders().set("Content-Length", "0");
        Http.empty(exchange, 308);
    }

    private static void cors(HttpExchange exchange, UploadState upload) {
        String allowed = upload.corsOrigin();
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        Headers headers = exchange.getResponseHeaders();
        if (allowed == null || origin == null) {
            return;
        }
        if (allowed.equals("*")) {
            headers.set("Access-Control-Allow-Origin", "*");
        } else if (allowed.equalsIgnoreCase(origin)) {
            headers.set("Access-Control-Allow-Origin", origin);
            headers.set("Vary", "Origin");
        } else {
            return;
        }
        headers.set("Access-Control-Expose-Headers", "Range, Content-Length, Content-Type, X-GUploader-UploadID");
    }

    private static void preflight(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (headers.containsKey("Access-Control-Allow-Origin")) {
            headers.set("Access-Control-Allow-Methods", "PUT, POST, OPTIONS");
            String requested = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
            headers.set("Access-Control-Allow-Headers",
                    requested != null ? requested : "Content-Type, Content-Range, Content-Length");
            headers.set("Access-Control-Max-Age", "3600");
        }
        Http.empty(exchange, 200);
    }

    private static void gcsError(HttpExchange exchange, int status, String message) throws IOException {
        Http.bytes(exchange, status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
