package dev.lectern.testkit;

import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.EventCodec;
import dev.lectern.infra.KafkaInstance;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A running Kafka broker. */
public record KafkaBroker(KafkaInstance server) {

    public String bootstrapServers() {
        return server.bootstrapServers();
    }

    /** Creates topics with the given number of partitions unless they exist. */
    public KafkaBroker createTopics(int partitions, String... topics) {
        server.createTopics(partitions, topics);
        return this;
    }

    /** A consumer that collects new records of {@code topic} from now on; close it after the test. */
    public KafkaTestConsumer consumeFromNow(String topic) {
        return KafkaTestConsumer.fromNow(bootstrapServers(), topic);
    }

    /** A consumer that collects every record of {@code topic}, oldest first; close it after the test. */
    public KafkaTestConsumer consumeFromBeginning(String topic) {
        return KafkaTestConsumer.fromBeginning(bootstrapServers(), topic);
    }

    /**
     * Publishes an event the way the services do (contract JSON, keyed by its aggregate, headers
     * {@code event_id} and {@code event_type}) and waits for the broker's acknowledgement.
     */
    public void publish(DomainEvent event) {
        publish(event, Map.of());
    }

    /** {@link #publish(DomainEvent)} with more record headers, e.g. a {@code traceparent}. */
    public void publish(DomainEvent event, Map<String, String> headers) {
        EventCodec.Encoded encoded = EventCodec.encode(event);
        var record = new ProducerRecord<>(encoded.topic(), encoded.key(), encoded.json());
        record.headers().add(EventCodec.EVENT_ID_HEADER, encoded.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventCodec.EVENT_TYPE_HEADER, encoded.eventType().getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + encoded.eventType(), e);
        }
    }

    /** Sets {@code spring.kafka.bootstrap-servers} and {@code KAFKA_BOOTSTRAP_SERVERS}. */
    public KafkaBroker register(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", this::bootstrapServers);
        registry.add("KAFKA_BOOTSTRAP_SERVERS", this::bootstrapServers);
        return this;
    }
}
