package dev.lectern.auth;

import dev.lectern.contracts.Topics;
import dev.lectern.servicekit.outbox.EnableOutbox;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Users, roles, sessions (refresh-token families), signing keys and the JWKS. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableOutbox
public class AuthServiceApplication {

    @Bean
    NewTopic usersTopic() {
        return TopicBuilder.name(Topics.USERS).partitions(3).build();
    }

    public static void main(String[] args) {
        SpringApplication.run(AuthServiceApplication.class, args);
    }
}
