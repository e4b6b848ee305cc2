package dev.lectern.platform;

import dev.lectern.infra.EmbeddedServer;
import dev.lectern.infra.KafkaInstance;
import dev.lectern.infra.MongoInstance;
import dev.lectern.infra.PostgresInstance;
import dev.lectern.infra.RedisInstance;

import java.nio.file.Path;
import java.util.List;

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

    /** Starts PostgreSQL and creates the services' databases if missing. */
    void startPostgres() {
        postgres.start();
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
