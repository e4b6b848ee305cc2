package dev.lectern.platform;

import dev.lectern.infra.EmbeddedServer;
import dev.lectern.infra.KafkaInstance;
import dev.lectern.infra.MongoInstance;
import dev.lectern.infra.PostgresInstance;
import dev.lectern.infra.RedisInstance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** PostgreSQL, Kafka, Redis and MongoDB in this JVM, with their data under one directory. */
final class Infrastructure implements AutoCloseable {

    static final List<String> POSTGRES_DATABASES = List.of("auth", "media", "webhook");
    static final int KAFKA_PARTITIONS = 3;

    final PostgresInstance postgres;
    final KafkaInstance kafka;
    final RedisInstance redis;
    final MongoInstance mongo;

    Infrastructure(Path dataDir, InfraPorts ports) {
        postgres = new PostgresInstance(ports.postgres(), dataDir.resolve("postgres"));
        kafka = new KafkaInstance(ports.kafka(), ports.kafkaController(), dataDir.resolve("kafka"), KAFKA_PARTITIONS);
        redis = new RedisInstance(ports.redis(), dataDir.resolve("redis"));
        mongo = new MongoInstance(ports.mongo(), dataDir.resolve("mongo"));
    }

    List<EmbeddedServer> servers() {
        return List.of(postgres, kafka, redis, mongo);
    }

    /** Starts the four servers in parallel; on any failure stops those that started and rethrows. */
    void start() {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (EmbeddedServer server : servers()) {
                starts.add(CompletableFuture.runAsync(server::start, pool));
            }
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        POSTGRES_DATABASES.forEach(postgres::ensureDatabase);
    }

    /** Stops every server, keeping the data. */
    @Override
    public void close() {
        for (EmbeddedServer server : servers().reversed()) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                System.err.println("Could not stop " + server.name() + ": " + e.getMessage());
            }
        }
    }
}
