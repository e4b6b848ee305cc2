package dev.lectern.muxemulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers for answering on the JDK's HTTP server. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String NOT_FOUND_MESSAGE =
            "The requested resource either doesn't exist or you don't have access to it.";

    private Http() {
    }

    /** Thrown by handlers to answer with a Mux error envelope. */
    static final class MuxError extends RuntimeException {
        final int status;
        final String type;

        MuxError(int status, String type, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
        }

        static MuxError notFound() {
            return new MuxError(404, "not_found", NOT_FOUND_MESSAGE);
        }

        static MuxError invalid(String message) {
            return new MuxError(400, "invalid_parameters", message);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        bytes(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** {@code {"data": ...}} as Mux wraps every single-object response. */
    static void data(HttpExchange exchange, int status, JsonNode data) throws IOException {
        ObjectNode body = object();
        body.set("data", data);
        json(exchange, status, body);
    }

    static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = object();
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        error.putArray("messages").add(message);
        json(exchange, status, body);
    }

    /** An RFC 9457 problem document. */
    static void problem(HttpExchange exchange, int status, String slug, String title, String detail)
            throws IOException {
        ObjectNode body = object();
        body.put("type", "https://lectern.dev/problems/" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", exchange.getRequestURI().getRawPath());
        bytes(exchange, status, "application/problem+json", JSON.writeValueAsBytes(body));
    }

    static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void empty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Path segments after a prefix, URL-decoded; {@code /video/v1/assets/x} minus {@code /video/v1} → [assets, x]. */
    static List<String> segments(String rawPath, String prefix) {
        String rest = rawPath.substring(prefix.length());
        return java.util.Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    }

    static JsonNode readJson(HttpExchange exchange, int maxBytes) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw new MuxError(413, "invalid_parameters", "Request body too large");
        }
        if (body.length == 0) {
            return object();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException malformed) {
            throw MuxError.invalid("Invalid JSON in the request body");
        }
    }
}
