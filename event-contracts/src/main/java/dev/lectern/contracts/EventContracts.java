package dev.lectern.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The message contract of each topic: one sample document per event type, under
 * {@code contracts/<topic>/<event_type>.json}. Producers check what they emit against it and consumers
 * check they can read it, so both sides are held to the same document.
 */
public final class EventContracts {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private EventContracts() {
    }

    /** The sample document of one event type of a topic. */
    public static byte[] sample(String topic, String eventType) {
        String resource = "/contracts/" + topic + "/" + eventType + ".json";
        try (InputStream in = EventContracts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How an encoded event departs from its contract: fields missing or added, or of another JSON type.
     * Empty when it conforms.
     */
    public static List<String> violations(EventCodec.Encoded encoded) {
        JsonNode expected = MAPPER.readTree(sample(encoded.topic(), encoded.eventType()));
        JsonNode actual = MAPPER.readTree(encoded.json());
        List<String> violations = new ArrayList<>();
        compare("", expected, actual, violations);
        return violations;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> violations) {
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String fieldPath = path + "/" + field.getKey();
                if (!actual.has(field.getKey())) {
                    violations.add("missing " + fieldPath);
                } else {
                    compare(fieldPath, field.getValue(), actual.get(field.getKey()), violations);
                }
            }
            actual.propertyNames().forEach(name -> {
                if (!expected.has(name)) {
                    violations.add("not in contract " + path + "/" + name);
                }
            });
        } else if (!actual.isNull() && expected.getNodeType() != actual.getNodeType()) {
            violations.add(path + " is " + actual.getNodeType() + ", contract says " + expected.getNodeType());
        }
    }
}
