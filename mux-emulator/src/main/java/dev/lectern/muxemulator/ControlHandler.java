package dev.lectern.muxemulator;

import com.sun.net.httpserver.HttpExchange;
import dev.lectern.muxemulator.Http.MuxError;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /_emulator/**}: test controls, no authentication (see README). */
final class ControlHandler {

    private final MuxEmulator emulator;
    private final Store store;

    ControlHandler(MuxEmulator emulator, Store store) {
        this.emulator = emulator;
        this.store = store;
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        Map<String, String> query = Http.query(exchange);
        Webhooks webhooks = emulator.webhooks();
        switch (method + " " + String.join("/", Http.segments(path, "/_emulator"))) {
            case "GET health" -> {
                ObjectNode body = Http.object();
                body.put("status", "up");
                Http.json(exchange, 200, body);
            }
            case "GET deliveries" -> {
                String type = query.get("type");
                Http.json(exchange, 200, deliveries(type == null ? webhooks.deliveries() : webhooks.deliveries(type)));
            }
            case "GET events" -> {
                ArrayNode events = Http.JSON.createArrayNode();
                webhooks.emitted().forEach(e -> events.addObject().put("type", e.getKey()).put("object_id", e.getValue()));
                Http.json(exchange, 200, events);
            }
            case "POST webhooks/duplicate-each" -> {
                webhooks.duplicateEach(integer(query.get("n")));
                Http.empty(exchange, 204);
            }
            case "POST webhooks/reorder" -> {
                webhooks.reorder(Boolean.parseBoolean(query.getOrDefault("enabled", "true")));
                Http.empty(exchange, 204);
            }
            case "GET webhooks/await" -> {
                String type = required(query, "type");
                String key = required(query, "key");
                Duration timeout = duration(query.getOrDefault("timeout", "PT10S"));
                try {
                    Http.json(exchange, 200, delivery(webhooks.awaitDelivered(type, key, timeout)));
                } catch (AssertionError notYet) {
                    Http.error(exchange, 408, "timeout", notYet.getMessage());
                }
            }
            case "POST api/fail" -> {
                try {
                    emulator.failNextApiCalls(integer(query.get("status")), integer(query.getOrDefault("count", "1")));
                } catch (IllegalArgumentException e) {
                    throw MuxError.invalid(e.getMessage());
                }
                Http.empty(exchange, 204);
            }
            case "POST downloads/fail" -> {
                emulator.failNextDownloads(integer(query.getOrDefault("count", "1")));
                Http.empty(exchange, 204);
            }
            case "POST signing-keys" -> {
                SigningKey key = emulator.createSigningKey();
                ObjectNode body = Http.object();
                body.put("id", key.id());
                body.put("private_key", key.privateKey());
                Http.json(exchange, 201, body);
            }
            case "GET state" -> {
                ObjectNode body = Http.object();
                ArrayNode uploads = body.putArray("uploads");
                store.uploads().forEach(u -> uploads.add(Views.upload(u, emulator.baseUrl())));
                ArrayNode assets = body.putArray("assets");
                store.assets().forEach(a -> assets.add(Views.asset(a, false)));
                Http.json(exchange, 200, body);
            }
            default -> throw MuxError.notFound();
        }
    }

    private static ArrayNode deliveries(List<Delivery> deliveries) {
        ArrayNode array = Http.JSON.createArrayNode();
        deliveries.forEach(d -> array.add(delivery(d)));
        return array;
    }

    private static ObjectNode delivery(Delivery d) {
        ObjectNode node = Http.object();
        node.put("type", d.type());
        node.put("event_id", d.eventId());
        node.put("object_id", d.objectId());
        node.put("upload_id", d.uploadId());
        node.put("passthrough", d.passthrough());
        node.put("copy", d.copy());
        node.put("attempt", d.attempt());
        if (d.status() == null) {
            node.putNull("status");
        } else {
            node.put("status", d.status());
        }
        node.put("error", d.error());
        node.put("at", d.at().toString());
        return node;
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw MuxError.invalid(name + " is required");
        }
        return value;
    }

    private static int integer(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw MuxError.invalid("numbers must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw MuxError.invalid("expected an integer");
        }
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw MuxError.invalid("timeout must be an ISO-8601 duration like PT10S");
        }
    }
}
