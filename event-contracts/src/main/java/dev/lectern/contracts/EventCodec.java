package dev.lectern.contracts;

import dev.lectern.contracts.asset.AssetEvent;
import dev.lectern.contracts.course.CourseEvent;
import dev.lectern.contracts.enrollment.EnrollmentEvent;
import dev.lectern.contracts.progress.ProgressEvent;
import dev.lectern.contracts.user.UserEvent;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one wire format of every topic: snake_case JSON with an {@code event_type} discriminator.
 * Unknown fields are ignored and unknown event types decode to empty, so producers can add both
 * without breaking older consumers.
 */
public final class EventCodec {

    /** Kafka header names every producer sets, so consumers can route or de-duplicate without parsing. */
    public static final String EVENT_ID_HEADER = "event_id";
    public static final String EVENT_TYPE_HEADER = "event_type";

    private static final Map<String, Class<? extends DomainEvent>> FAMILIES = Map.of(
            Topics.USERS, UserEvent.class,
            Topics.COURSES, CourseEvent.class,
            Topics.ENROLLMENTS, EnrollmentEvent.class,
            Topics.ASSET_LIFECYCLE, AssetEvent.class,
            Topics.PROGRESS, ProgressEvent.class);

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .build();

    private EventCodec() {
    }

    /** An event ready for the wire. */
    public record Encoded(String topic, String key, String eventId, String eventType, byte[] json) {
    }

    public static Encoded encode(DomainEvent event) {
        Class<? extends DomainEvent> family = familyOf(event.topic());
        byte[] json = MAPPER.writerFor(family).writeValueAsBytes(event);
        String type = MAPPER.readTree(json).path("event_type").asString();
        return new Encoded(event.topic(), event.key(), event.eventId().toString(), type, json);
    }

    /**
     * Decodes one record of a topic; empty when the event type is one this build does not know.
     *
     * @throws MalformedEventException when the bytes are not a valid event of the topic
     */
    public static Optional<DomainEvent> decode(String topic, byte[] json) {
        Class<? extends DomainEvent> family = familyOf(topic);
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (!tree.isObject() || !tree.hasNonNull("event_type") || !tree.hasNonNull("event_id")) {
                throw new MalformedEventException("not an event of " + topic + ": event_type and event_id are required");
            }
            return Optional.ofNullable(MAPPER.treeToValue(tree, family));
        } catch (MalformedEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedEventException("not an event of " + topic + ": " + e.getMessage(), e);
        }
    }

    public static <T extends DomainEvent> Optional<T> decode(String topic, byte[] json, Class<T> family) {
        return decode(topic, json).map(family::cast);
    }

    private static Class<? extends DomainEvent> familyOf(String topic) {
        Class<? extends DomainEvent> family = FAMILIES.get(topic);
        if (family == null) {
            throw new IllegalArgumentException("no event contract for topic " + topic);
        }
        return family;
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
