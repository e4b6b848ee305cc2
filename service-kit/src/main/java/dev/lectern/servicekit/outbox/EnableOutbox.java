package dev.lectern.servicekit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transactional outbox on PostgreSQL for a service that has the {@code outbox_events} table (see the DDL in
 * auth-service's {@code V1} and {@code V30} migrations): {@link Outbox} to append in the caller's transaction,
 * {@link OutboxRelay} to publish, {@link OutboxMetrics} for the backlog.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(EnableOutbox.OutboxConfiguration.class)
public @interface EnableOutbox {

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @EnableConfigurationProperties(OutboxProperties.class)
    class OutboxConfiguration {

        @Bean
        Outbox outbox(JdbcClient jdbc) {
            return new Outbox(jdbc);
        }

        @Bean
        OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
                                OutboxProperties properties, MeterRegistry meters) {
            return new OutboxRelay(jdbc, transactions, kafka, properties, meters);
        }

        @Bean
        OutboxMetrics outboxMetrics(JdbcClient jdbc, MeterRegistry meters) {
            return new OutboxMetrics(jdbc, meters, Clock.systemUTC());
        }
    }
}
