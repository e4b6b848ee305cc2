package dev.lectern.infra;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisInstanceTest {

    @Test
    void answersPingAndStoresValues() {
        try (RedisInstance redis = new RedisInstance()) {
            redis.start();
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                assertThat(c.sync().ping()).isEqualTo("PONG");
                c.sync().set("greeting", "hello");
                assertThat(c.sync().get("greeting")).isEqualTo("hello");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void stoppedRedisRefusesConnectionsAndServesAgainAfterStart() {
        try (RedisInstance redis = new RedisInstance()) {
            redis.start();
            int port = redis.port();
            redis.stop();

            RedisClient client = RedisClient.create(redis.uri());
            try {
                assertThatThrownBy(client::connect).isInstanceOf(RedisConnectionException.class);

                redis.start();
                assertThat(redis.port()).isEqualTo(port);
                try (StatefulRedisConnection<String, String> c = client.connect()) {
                    assertThat(c.sync().ping()).isEqualTo("PONG");
                }
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void takenPortFailsNamingThePortAndTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             RedisInstance redis = new RedisInstance(taken.getLocalPort(), null)) {
            assertThatThrownBy(redis::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("REDIS_PORT");
        }
    }
}
