package dev.lectern.auth.catalog;

import dev.lectern.servicekit.kafka.DeadLetters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;

@Configuration(proxyBeanMethods = false)
class CatalogKafkaConfiguration {

    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka) {
        return DeadLetters.afterBoundedRetries(kafka);
    }
}
