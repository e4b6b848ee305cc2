package dev.lectern.servicekit.kafka;

import dev.lectern.contracts.EventCodec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** How every Lectern consumer treats a record it cannot apply. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * Retries a failing record with backoff (200 ms, doubling, 4 attempts), then publishes it to
     * {@code <topic>.dlt} and moves on. A malformed event is not retried: it cannot get better.
     */
    public static CommonErrorHandler afterBoundedRetries(KafkaOperations<?, ?> kafka) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxAttempts(4);
        DefaultErrorHandler handler = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafka,
                (record, e) -> new TopicPartition(record.topic() + ".dlt", -1)), backOff);
        handler.addNotRetryableExceptions(EventCodec.MalformedEventException.class);
        return handler;
    }
}
