package dev.lectern.testkit;

import dev.lectern.infra.MongoInstance;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One database on a running MongoDB (mongo-java-server). */
public record MongoDatabase(MongoInstance server, String database) {

    /** {@code mongodb://127.0.0.1:PORT/<database>} */
    public String uri() {
        return server.connectionString(database);
    }

    /** Sets {@code spring.mongodb.uri} (Spring Boot 4 name) and {@code MONGO_URI}. */
    public MongoDatabase register(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", this::uri);
        registry.add("MONGO_URI", this::uri);
        return this;
    }
}
