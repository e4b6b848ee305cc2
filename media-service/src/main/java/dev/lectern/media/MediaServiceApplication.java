package dev.lectern.media;

import dev.lectern.contracts.Topics;
import dev.lectern.servicekit.kafka.DeadLetters;
import dev.lectern.servicekit.outbox.EnableOutbox;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Mux uploads, read models of courses, enrollments and videos, and signed playback. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableOutbox
public class MediaServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MediaServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** media-service announces uploads it starts or cancels on the asset topic, beside webhook-service. */
    @Bean
    NewTopic assetLifecycleTopic() {
        return TopicBuilder.name(Topics.ASSET_LIFECYCLE).partitions(3).build();
    }

    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka) {
        return DeadLetters.afterBoundedRetries(kafka);
    }
}
