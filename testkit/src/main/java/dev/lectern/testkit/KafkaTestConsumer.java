package dev.lectern.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Collects the records of one topic on a background thread (keys and values as strings). Positions are
 * fixed before the factory method returns, so a record produced after it is always seen.
 * <pre>{@code
 * try (var events = TestInfrastructure.kafka().consumeFromNow(Topics.USERS)) {
 *     register(...);
 *     var record = events.awaitRecord(r -> r.key().equals(userId));
 * }
 * }</pre>
 */
public final class KafkaTestConsumer implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private KafkaTestConsumer(String bootstrapServers, String topic, boolean fromBeginning) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "testkit-" + topic),
                new StringDeserializer(), new StringDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.poller = Thread.ofPlatform().daemon().name("testkit-consumer-" + topic).start(this::poll);
    }

    public static KafkaTestConsumer fromNow(String bootstrapServers, String topic) {
        return new KafkaTestConsumer(bootstrapServers, topic, false);
    }

    public static KafkaTestConsumer fromBeginning(String bootstrapServers, String topic) {
        return new KafkaTestConsumer(bootstrapServers, topic, true);
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Everything collected so far, in arrival order. */
    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(records);
    }

    /** Waits until a record matching {@code match} arrives and returns the first one. */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> match) {
        return awaitRecords(1, match).getFirst();
    }

    /** Waits until {@code count} records matching {@code match} arrived, returning them. */
    public List<ConsumerRecord<String, String>> awaitRecords(int count, Predicate<ConsumerRecord<String, String>> match) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Eventually.assertThat(() -> {
            if (failure != null) {
                throw new AssertionError("Consumer of " + topic + " failed", failure);
            }
            found.clear();
            records.stream().filter(match).forEach(found::add);
            if (found.size() < count) {
                throw new AssertionError("Expected " + count + " matching record(s) on " + topic + " but got "
                        + found.size() + " of " + records.size() + ": " + describe(records));
            }
        });
        return List.copyOf(found);
    }

    /** Waits until at least {@code count} records arrived. */
    public List<ConsumerRecord<String, String>> awaitRecords(int count) {
        return awaitRecords(count, r -> true);
    }

    /** The value of a header as UTF-8, or null when absent. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String describe(List<ConsumerRecord<String, String>> records) {
        return records.stream().limit(10).map(r -> r.key() + "=" + r.value()).toList().toString();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
