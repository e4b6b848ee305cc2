package dev.lectern.servicekit.kafka;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/** Adds a {@code kafka} health contributor to services that talk to Kafka (Spring Boot has none of its own). */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaAdmin.class, org.springframework.boot.health.contributor.HealthIndicator.class})
@ConditionalOnBean(KafkaAdmin.class)
public class KafkaHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, Environment environment) {
        Duration timeout = environment.getProperty("lectern.kafka.health-timeout", Duration.class, Duration.ofSeconds(3));
        return new KafkaHealthIndicator(admin.getConfigurationProperties(), timeout);
    }
}
