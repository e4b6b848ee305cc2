package dev.lectern.webhook.mux;

import dev.lectern.contracts.Topics;
import dev.lectern.servicekit.security.PublicEndpoints;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MuxWebhookProperties.class)
@EnableScheduling
class MuxWebhookConfiguration {

    /** Mux authenticates with its signature, not a bearer token. */
    @Bean
    PublicEndpoints muxWebhookEndpoint() {
        return PublicEndpoints.of(HttpMethod.POST, "/webhooks/mux");
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MuxSignatureVerifier muxSignatureVerifier(MuxWebhookProperties properties, Clock clock) {
        return new MuxSignatureVerifier(properties.secrets(), properties.tolerance(), clock);
    }

    @Bean
    MuxEventMapper muxEventMapper(Clock clock) {
        return new MuxEventMapper(clock);
    }

    /**
     * Keeps every wait of the producer inside the publish timeout, so a delivery is answered (503) before
     * Mux gives up on it: metadata waits, request and delivery timeouts.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer publishTimeoutCustomizer(MuxWebhookProperties properties) {
        int millis = (int) properties.publishTimeout().toMillis();
        return factory -> factory.updateConfigs(java.util.Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis,
                ProducerConfig.LINGER_MS_CONFIG, 0));
    }

    @Bean
    NewTopic assetLifecycleTopic() {
        return TopicBuilder.name(Topics.ASSET_LIFECYCLE).partitions(3).build();
    }
}
