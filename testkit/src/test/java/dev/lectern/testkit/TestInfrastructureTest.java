package dev.lectern.testkit;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class TestInfrastructureTest {

    private final Map<String, Supplier<Object>> properties = new HashMap<>();

    private Object property(String name) {
        assertThat(properties).containsKey(name);
        return properties.get(name).get();
    }

    @Test
    void postgresRegistersDatasourceOfAnExistingDatabase() throws Exception {
        PostgresDatabase db = TestInfrastructure.postgres("testkit_a").register(properties::put);

        assertThat(property("spring.datasource.url")).isEqualTo(db.jdbcUrl()).asString().endsWith("/testkit_a");
        assertThat(property("POSTGRES_URL")).isEqualTo(db.jdbcUrl());
        assertThat(property("spring.datasource.username")).isEqualTo("postgres");
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("testkit_a");
        }
    }

    @Test
    void everyCallSharesOneServerPerKind() {
        assertThat(TestInfrastructure.postgres("testkit_a").server())
                .isSameAs(TestInfrastructure.postgres("testkit_b").server());
        assertThat(TestInfrastructure.redis().server()).isSameAs(TestInfrastructure.redis().server());
        assertThat(TestInfrastructure.mongo("x").server()).isSameAs(TestInfrastructure.mongo("y").server());
        assertThat(TestInfrastructure.kafka().server()).isSameAs(TestInfrastructure.kafka().server());
    }

    @Test
    void redisMongoAndKafkaRegisterBootPropertyNamesAndEnvironmentNames() {
        RedisServer redis = TestInfrastructure.redis().register(properties::put);
        MongoDatabase mongo = TestInfrastructure.mongo("course").register(properties::put);
        KafkaBroker kafka = TestInfrastructure.kafka().register(properties::put);

        assertThat(property("spring.data.redis.host")).isEqualTo("127.0.0.1");
        assertThat(property("spring.data.redis.port")).isEqualTo(redis.port());
        assertThat(property("REDIS_PORT")).isEqualTo(redis.port());
        assertThat(property("spring.mongodb.uri")).isEqualTo("mongodb://127.0.0.1:" + mongo.server().port() + "/course");
        assertThat(property("MONGO_URI")).isEqualTo(mongo.uri());
        assertThat(property("spring.kafka.bootstrap-servers")).isEqualTo(kafka.bootstrapServers());
        assertThat(property("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(kafka.bootstrapServers());
    }
}
