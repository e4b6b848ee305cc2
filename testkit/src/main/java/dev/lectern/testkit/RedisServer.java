package dev.lectern.testkit;

import dev.lectern.infra.RedisInstance;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A running Redis. */
public record RedisServer(RedisInstance server) {

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    /** Sets {@code spring.data.redis.host/port} and {@code REDIS_HOST/REDIS_PORT}. */
    public RedisServer register(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", this::host);
        registry.add("spring.data.redis.port", this::port);
        registry.add("REDIS_HOST", this::host);
        registry.add("REDIS_PORT", this::port);
        return this;
    }
}
