package dev.lectern.testkit;

import dev.lectern.infra.KafkaInstance;
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

    /** Sets {@code spring.kafka.bootstrap-servers} and {@code KAFKA_BOOTSTRAP_SERVERS}. */
    public KafkaBroker register(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", this::bootstrapServers);
        registry.add("KAFKA_BOOTSTRAP_SERVERS", this::bootstrapServers);
        return this;
    }
}
