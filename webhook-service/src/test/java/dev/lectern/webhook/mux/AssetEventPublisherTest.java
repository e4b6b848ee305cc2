package dev.lectern.webhook.mux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.contracts.asset.AssetDeleted;
import dev.lectern.contracts.asset.AssetEvent;
import dev.lectern.infra.Ports;
import dev.lectern.webhook.mux.AssetEventPublisher.PublishFailedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;

/** With no broker reachable at all, a publish fails within its timeout instead of hanging past Mux's. */
class AssetEventPublisherTest {

    @Test
    void withNoBrokerThePublishFailsWithinTheTimeout() {
        Duration timeout = Duration.ofMillis(800);
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + Ports.freePort(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis()));
        var properties = new MuxWebhookProperties(List.of("s"), Duration.ofMinutes(5), timeout, DataSize.ofMegabytes(1),
                Duration.ofDays(7), Duration.ofHours(1));
        var publisher = new AssetEventPublisher(new KafkaTemplate<>(factory), properties);
        AssetEvent event = new AssetDeleted(AssetEvent.eventIdOf("e1"), Instant.now(), UUID.randomUUID(), "e1", "A1");

        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> publisher.publish(event)).isInstanceOf(PublishFailedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        } finally {
            factory.destroy();
        }
    }
}
