package dev.lectern.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest extends GatewayTestSupport {

    @Test
    void authEndpointsOverTheLimitPerIpGet429WithRetryAfter() {
        String ip = randomIp();
        int before = AUTH.requests();

        for (int i = 1; i <= AUTH_LIMIT; i++) {
            HttpResponse<String> ok = send(request("POST", "/api/v1/auth/login").setHeader("X-Forwarded-For", ip));
            echo(ok);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(AUTH_LIMIT));
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(AUTH_LIMIT - i));
        }
        HttpResponse<String> limited = send(request("POST", "/api/v1/auth/login").setHeader("X-Forwarded-For", ip));

        assertProblem(limited, 429, "rate-limited");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(AUTH_LIMIT));
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(AUTH.requests()).isEqualTo(before + AUTH_LIMIT);

        // another client address has its own budget
        echo(send(request("POST", "/api/v1/auth/login")));
    }

    @Test
    void authEndpointsAreKeyedByIpEvenForDifferentUsers() {
        String ip = randomIp();
        for (int i = 1; i <= AUTH_LIMIT; i++) {
            HttpResponse<String> ok = send(authorized("GET", "/api/v1/auth/sessions",
                    validToken(UUID.randomUUID(), "student")).setHeader("X-Forwarded-For", ip));
            echo(ok);
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(AUTH_LIMIT - i));
        }

        assertProblem(send(authorized("GET", "/api/v1/auth/sessions", validToken(UUID.randomUUID(), "student"))
                .setHeader("X-Forwarded-For", ip)), 429, "rate-limited");
    }

    @Test
    void otherRoutesAreKeyedByUserIdWhenAuthenticated() {
        String token = validToken(UUID.randomUUID(), "student");
        String sharedIp = randomIp();
        for (int i = 0; i < DEFAULT_LIMIT; i++) {
            // a different address each time: the user's budget still shrinks
            echo(send(authorized("GET", "/api/v1/me/enrollments", token)));
        }

        assertProblem(send(authorized("GET", "/api/v1/me/enrollments", token).setHeader("X-Forwarded-For", sharedIp)),
                429, "rate-limited");
        // another user behind the same address is unaffected
        echo(send(authorized("GET", "/api/v1/me/enrollments", validToken(UUID.randomUUID(), "student"))
                .setHeader("X-Forwarded-For", sharedIp)));
    }

    @Test
    void anonymousRequestsAreKeyedByIp() {
        String ip = randomIp();
        for (int i = 0; i < DEFAULT_LIMIT; i++) {
            echo(send(request("GET", "/api/v1/courses").setHeader("X-Forwarded-For", ip)));
        }

        assertProblem(send(request("GET", "/api/v1/courses").setHeader("X-Forwarded-For", ip)), 429, "rate-limited");
    }

    @Test
    void perRouteOverrideReplacesTheDefaultLimit() {
        String token = validToken(UUID.randomUUID(), "admin");
        for (int i = 0; i < ANALYTICS_LIMIT; i++) {
            HttpResponse<String> ok = send(authorized("GET", "/api/v1/admin/analytics/overview", token));
            echo(ok);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(ANALYTICS_LIMIT));
        }

        assertProblem(send(authorized("GET", "/api/v1/admin/analytics/overview", token)), 429, "rate-limited");
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() {
        HttpClient untrusted = clientFrom("127.0.0.2");
        for (int i = 0; i < AUTH_LIMIT; i++) {
            echo(send(untrusted, request("POST", "/api/v1/auth/refresh")));
        }

        // every request claimed a new address; all of them counted against 127.0.0.2
        assertProblem(send(untrusted, request("POST", "/api/v1/auth/refresh")), 429, "rate-limited");
    }

    @Test
    void forwardedForIsWalkedFromTheRightPastTrustedProxies() {
        String client = randomIp();
        for (int i = 0; i < AUTH_LIMIT; i++) {
            echo(send(request("POST", "/api/v1/auth/login")
                    .setHeader("X-Forwarded-For", randomIp() + ", " + client + ", 10.10.3.4")));
        }

        assertProblem(send(request("POST", "/api/v1/auth/login")
                .setHeader("X-Forwarded-For", "6.6.6.6, " + client + ", 10.10.3.4")), 429, "rate-limited");
        echo(send(request("POST", "/api/v1/auth/login").setHeader("X-Forwarded-For", client + ", 10.10.3.4, "
                + randomIp())));
    }

    @Test
    void countersLiveInRedis() {
        String ip = randomIp();
        echo(send(request("POST", "/api/v1/auth/login").setHeader("X-Forwarded-For", ip)));

        assertThat(redisKeys("lectern:rl:{auth:ip:" + ip + "}")).hasSize(1);
    }

    @Test
    void whenRedisIsDownRequestsStillPassAndTheInProcessLimiterStillLimitsThenRedisTakesOverAgain() {
        String ip = randomIp();
        double fallbacksBefore = fallbackCount();
        REDIS.stop();
        try {
            for (int i = 1; i <= AUTH_LIMIT; i++) {
                HttpResponse<String> ok = send(request("POST", "/api/v1/auth/login").setHeader("X-Forwarded-For", ip));
                echo(ok);
                assertThat(ok.headers().firstValue("X-RateLimit-Remaining"))
                        .hasValue(Integer.toString(AUTH_LIMIT - i));
            }
            HttpResponse<String> limited = send(request("POST", "/api/v1/auth/login")
                    .setHeader("X-Forwarded-For", ip));
            assertProblem(limited, 429, "rate-limited");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(fallbackCount()).isGreaterThanOrEqualTo(fallbacksBefore + AUTH_LIMIT + 1);
        }
        finally {
            REDIS.start();
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String fresh = randomIp();
            echo(send(request("POST", "/api/v1/auth/login").setHeader("X-Forwarded-For", fresh)));
            assertThat(redisKeys("lectern:rl:{auth:ip:" + fresh + "}")).hasSize(1);
        });
    }

    private double fallbackCount() {
        String metrics = send(management("/actuator/prometheus")).body();
        return metrics.lines()
                .filter(line -> line.startsWith("lectern_ratelimit_fallback_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static List<String> redisKeys(String pattern) {
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(pattern.replace("{", "\\{").replace("}", "\\}"));
        }
        finally {
            client.shutdown();
        }
    }
}
