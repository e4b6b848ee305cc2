package dev.lectern.muxemulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP range requests (RFC 9110 §14) for every file the stream host serves: one {@code bytes} range is answered
 * 206 with {@code Content-Range}; a range that starts past the end (or a zero-length suffix) 416 with
 * {@code Content-Range: bytes *}/size; a Range header that is malformed, of another unit or asks for several
 * ranges is ignored (200 with everything, which RFC 9110 allows). Every answer says {@code Accept-Ranges: bytes}.
 */
final class ByteRanges {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** What to send: all bytes (200), {@code from}..{@code to} inclusive (206) or nothing (416). */
    record Selection(int status, long from, long to) {
        long length() {
            return status == 416 ? 0 : to - from + 1;
        }
    }

    /** Writes bytes {@code from}..{@code to} (inclusive) of the representation. */
    @FunctionalInterface
    interface Body {
        void write(long from, long to, OutputStream out) throws IOException;
    }

    private ByteRanges() {
    }

    static Selection select(String header, long size) {
        Selection all = new Selection(200, 0, size - 1);
        if (header == null) {
            return all;
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return all;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                return suffix == 0 || size == 0 ? unsatisfiable(size)
                        : new Selection(206, Math.max(0, size - suffix), size - 1);
            }
            long from = Long.parseLong(m.group(1));
            long to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < from) {
                return all; // last-pos before first-pos: an invalid range, ignored
            }
            return from >= size ? unsatisfiable(size) : new Selection(206, from, to);
        } catch (NumberFormatException tooLong) {
            return all;
        }
    }

    private static Selection unsatisfiable(long size) {
        return new Selection(416, 0, size - 1);
    }

    /** Answers with the part of a representation of {@code size} bytes the request's Range header asks for. */
    static void send(HttpExchange exchange, String contentType, long size, Body body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Accept-Ranges", "bytes");
        headers.set("Access-Control-Expose-Headers", "Content-Range, Content-Length, Accept-Ranges");
        Selection selection = select(exchange.getRequestHeaders().getFirst("Range"), size);
        if (selection.status() == 416) {
            headers.set("Content-Range", "bytes */" + size);
            Http.empty(exchange, 416);
            return;
        }
        headers.set("Content-Type", contentType);
        if (selection.status() == 206) {
            headers.set("Content-Range", "bytes " + selection.from() + "-" + selection.to() + "/" + size);
        }
        long length = selection.length();
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Long.toString(length));
        }
        if (exchange.getRequestMethod().equals("HEAD") || length == 0) {
            exchange.sendResponseHeaders(selection.status(), -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(selection.status(), length);
        try (OutputStream out = exchange.getResponseBody()) {
            body.write(selection.from(), selection.to(), out);
        }
    }

    static void send(HttpExchange exchange, String contentType, byte[] bytes) throws IOException {
        send(exchange, contentType, bytes.length, (from, to, out) -> out.write(bytes, (int) from, (int) (to - from + 1)));
    }

    static void send(HttpExchange exchange, String contentType, Path file) throws IOException {
        send(exchange, contentType, Files.size(file), (from, to, out) -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                var target = Channels.newChannel(out);
                long position = from;
                while (position <= to) {
                    long sent = channel.transferTo(position, to - position + 1, target);
                    if (sent <= 0) {
                        break;
                    }
                    position += sent;
                }
            }
        });
    }
}
