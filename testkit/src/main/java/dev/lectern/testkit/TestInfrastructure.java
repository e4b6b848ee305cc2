package dev.lectern.testkit;

import dev.lectern.infra.EmbeddedServer;
import dev.lectern.infra.KafkaInstance;
import dev.lectern.infra.MongoInstance;
import dev.lectern.infra.PostgresInstance;
import dev.lectern.infra.RedisInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One shared PostgreSQL, Kafka, Redis and MongoDB per test JVM, each started on first use on a free port
 * and stopped when the JVM exits. Use from {@code @DynamicPropertySource}:
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     TestInfrastructure.postgres("auth").register(registry);
 *     TestInfrastructure.kafka().register(registry);
 * }
 * }</pre>
 * Do not stop the shared servers; an outage test creates its own instance from {@code dev.lectern.infra}.
 */
public final class TestInfrastructure {

    private static final List<EmbeddedServer> STARTED = new ArrayList<>();
    private static PostgresInstance postgres;
    private static KafkaInstance kafka;
    private static RedisInstance redis;
    private static MongoInstance mongo;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll, "lectern-testkit-shutdown"));
    }

    private TestInfrastructure() {
    }

    /** The shared PostgreSQL with {@code database} created if missing. */
    public static PostgresDatabase postgres(String database) {
        PostgresInstance server;
        synchronized (TestInfrastructure.class) {
            postgres = started(postgres, PostgresInstance::new);
            server = postgres;
        }
        server.ensureDatabase(database);
        return new PostgresDatabase(server, database);
    }

    /** The shared Kafka broker (topics are created on first use with 3 partitions). */
    public static synchronized KafkaBroker kafka() {
        kafka = started(kafka, () -> new KafkaInstance(0, 0, null, 3));
        return new KafkaBroker(kafka);
    }

    /** The shared Redis. */
    public static synchronized RedisServer redis() {
        redis = started(redis, RedisInstance::new);
        return new RedisServer(redis);
    }

    /** The shared in-memory MongoDB, addressed as {@code database}. */
    public static synchronized MongoDatabase mongo(String database) {
        mongo = started(mongo, MongoInstance::new);
        return new MongoDatabase(mongo, database);
    }

    private static <T extends EmbeddedServer> T started(T current, Supplier<T> factory) {
        if (current != null) {
            current.start(); // no-op while running; brings it back if a test stopped it anyway
            return current;
        }
        T server = factory.get();
        server.start();
        STARTED.add(server);
        return server;
    }

    private static synchronized void stopAll() {
        for (int i = STARTED.size() - 1; i >= 0; i--) {
            try {
                STARTED.get(i).close();
            } catch (RuntimeException e) {
                System.err.println("Could not stop " + STARTED.get(i).name() + ": " + e.getMessage());
            }
        }
        STARTED.clear();
    }
}
