package dev.lectern.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaInstanceTest {

    @TempDir
    Path tempDir;

    @Test
    void producedRecordIsConsumedAndSurvivesABrokerRestartOnTheSamePort() throws Exception {
        try (KafkaInstance kafka = new KafkaInstance(0, 0, tempDir.resolve("kafka"), 1)) {
            kafka.start();
            int port = kafka.port();
            kafka.createTopics(3, "lectern.test");
            produce(kafka, "lectern.test", "k1", "before-restart");

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();

            assertThat(kafka.port()).isEqualTo(port);
            produce(kafka, "lectern.test", "k2", "after-restart");
            assertThat(consumeValues(kafka, "lectern.test", 2)).containsExactlyInAnyOrder("before-restart", "after-restart");
            try (var admin = kafka.admin()) {
                assertThat(admin.describeTopics(List.of("lectern.test")).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get("lectern.test").partitions()).hasSize(3);
            }
        }
    }

    @Test
    void topicsAreCreatedOnFirstUse() throws Exception {
        try (KafkaInstance kafka = new KafkaInstance()) {
            kafka.start();
            produce(kafka, "auto.created", "k", "v");
            assertThat(consumeValues(kafka, "auto.created", 1)).containsExactly("v");
        }
    }

    @Test
    void takenPortFailsNamingThePortAndTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             KafkaInstance kafka = new KafkaInstance(taken.getLocalPort(), 0, null, 1)) {
            assertThatThrownBy(kafka::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("KAFKA_PORT");
        }
    }

    private static void produce(KafkaInstance kafka, String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeValues(KafkaInstance kafka, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
