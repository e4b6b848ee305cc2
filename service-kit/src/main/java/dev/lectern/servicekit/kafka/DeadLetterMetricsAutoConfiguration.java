package dev.lectern.servicekit.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * {@link DeadLetterCounter} as the producer listener of Boot's {@code KafkaTemplate} (in place of its logging-only
 * one), and a zero count for every topic the service's listeners consume, once they are set up.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaTemplate.class, MeterRegistry.class})
public class DeadLetterMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ProducerListener.class)
    DeadLetterCounter kafkaProducerListener(ObjectProvider<MeterRegistry> meters) {
        return new DeadLetterCounter(meters);
    }

    @Bean
    DeadLetterCountsAtZero deadLetterCountsAtZero(ObjectProvider<DeadLetterCounter> counter,
                                                  ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        return new DeadLetterCountsAtZero(counter, listeners);
    }

    /** Once the listeners are set up, shows a zero count for every topic they consume. */
    static final class DeadLetterCountsAtZero implements ApplicationListener<ApplicationReadyEvent> {

        private final ObjectProvider<DeadLetterCounter> counter;
        private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;

        DeadLetterCountsAtZero(ObjectProvider<DeadLetterCounter> counter,
                               ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
            this.counter = counter;
            this.listeners = listeners;
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent ready) {
            counter.ifAvailable(deadLetters -> listeners.ifAvailable(registry -> {
                Set<String> topics = new LinkedHashSet<>();
                registry.getAllListenerContainers().forEach(container -> {
                    String[] names = container.getContainerProperties().getTopics();
                    if (names != null) {
                        topics.addAll(List.of(names));
                    }
                });
                deadLetters.startAtZero(topics);
            }));
        }
    }
}
