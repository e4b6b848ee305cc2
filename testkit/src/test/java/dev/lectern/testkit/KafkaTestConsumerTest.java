package dev.lectern.testkit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaTestConsumerTest {

    private final KafkaBroker kafka = TestInfrastructure.kafka();

    @Test
    void fromNowSeesOnlyRecordsProducedAfterItWasCreated() throws Exception {
        send("testkit.now", "old", "before");
        try (KafkaTestConsumer consumer = kafka.consumeFromNow("testkit.now")) {
            send("testkit.now", "new", "after");

            ConsumerRecord<String, String> record = consumer.awaitRecord(r -> r.key().equals("new"));
            assertThat(record.value()).isEqualTo("after");
            assertThat(KafkaTestConsumer.header(record, "event_type")).isEqualTo("TestHappened");
            assertThat(consumer.records()).extracting(ConsumerRecord::key).doesNotContain("old");
        }
    }

    @Test
    void fromBeginningSeesEarlierRecords() throws Exception {
        send("testkit.beginning", "first", "1");
        try (KafkaTestConsumer consumer = kafka.consumeFromBeginning("testkit.beginning")) {
            assertThat(consumer.awaitRecord(r -> r.key().equals("first")).value()).isEqualTo("1");
        }
    }

    @Test
    void awaitFailsWhenTheRecordNeverArrives() {
        try (KafkaTestConsumer consumer = kafka.consumeFromNow("testkit.silent")) {
            assertThatThrownBy(() -> Eventually.assertThat(Duration.ofSeconds(1),
                    () -> assertThat(consumer.records()).isNotEmpty()))
                    .isInstanceOf(org.awaitility.core.ConditionTimeoutException.class);
        }
    }

    private void send(String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            var record = new ProducerRecord<>(topic, key, value);
            record.headers().add("event_type", "TestHappened".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }
}
