package dev.lectern.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact one service publishes for the others. On the wire it is a JSON object in snake_case with an
 * {@code event_type} discriminator; {@link #eventId()} is unique per event and is what consumers
 * de-duplicate on, since every topic is delivered at least once.
 */
public interface DomainEvent {

    UUID eventId();

    Instant occurredAt();

    /** The Kafka record key: the id of the aggregate, so one aggregate's events stay in order. */
    String key();

    /** The topic this event belongs on. */
    String topic();
}
