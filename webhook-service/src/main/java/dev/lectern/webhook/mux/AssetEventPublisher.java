package dev.lectern.webhook.mux;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.asset.AssetEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes one event and returns only once Kafka acknowledged it (acks=all), within a deadline. */
@Component
class AssetEventPublisher {

    /** Kafka did not acknowledge in time or refused the record. */
    static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;

    AssetEventPublisher(KafkaTemplate<String, byte[]> kafka, MuxWebhookProperties properties) {
        this.kafka = kafka;
        this.timeout = properties.publishTimeout();
    }

    /** @return the encoded event as it went on the wire */
    EventCodec.Encoded publish(AssetEvent event) {
        EventCodec.Encoded encoded = EventCodec.encode(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(encoded.topic(), encoded.key(), encoded.json());
        record.headers().add(EventCodec.EVENT_ID_HEADER, encoded.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventCodec.EVENT_TYPE_HEADER, encoded.eventType().getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // send() itself may block up to max.block.ms (set to the same timeout) while metadata is missing
            var ack = kafka.send(record);
            long remaining = Math.max(0, deadline - System.nanoTime());
            ack.get(remaining, TimeUnit.NANOSECONDS);
            return encoded;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + encoded.eventType() + " within " + timeout, e);
        }
    }
}
