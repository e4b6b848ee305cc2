package dev.lectern.servicekit.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * Counts the records this service published to a dead-letter topic ({@code <topic>.dlt}, see {@link DeadLetters}):
 * counter {@code lectern.kafka.dead_letters}, tag {@code topic} = the topic the record could not be applied from.
 * It is the service's producer listener, so it sees every acknowledged send of its {@code KafkaTemplate} (the
 * dead-letter recoverer's included) and still logs failed sends as Spring Kafka's listener does.
 */
public class DeadLetterCounter extends LoggingProducerListener<Object, Object> {

    public static final String NAME = "lectern.kafka.dead_letters";
    static final String DLT_SUFFIX = ".dlt";

    private final ObjectProvider<MeterRegistry> meters;

    public DeadLetterCounter(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    @Override
    public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
        String topic = record.topic();
        if (topic.endsWith(DLT_SUFFIX)) {
            meters.ifAvailable(registry -> counter(registry, topic.substring(0, topic.length() - DLT_SUFFIX.length()))
                    .increment());
        }
    }

    /** Shows the count of each consumed topic from the start, at 0, so that an alert sees its first increase. */
    void startAtZero(Collection<String> consumedTopics) {
        meters.ifAvailable(registry -> consumedTopics.forEach(topic -> counter(registry, topic)));
    }

    private static Counter counter(MeterRegistry registry, String topic) {
        return Counter.builder(NAME)
                .description("records published to the dead-letter topic <topic>.dlt after they could not be applied")
                .tag("topic", topic)
                .register(registry);
    }
}
