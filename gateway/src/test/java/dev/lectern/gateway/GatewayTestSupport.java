package dev.lectern.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.nimbusds.jose.jwk.RSAKey;
import dev.lectern.gateway.support.MutableClock;
import dev.lectern.gateway.support.StubBackend;
import dev.lectern.gateway.support.StubJwks;
import dev.lectern.gateway.support.Tokens;
import dev.lectern.infra.RedisInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One gateway (random port) for all gateway tests, in front of echoing stub services, a stub JWKS and a Redis of
 * its own (outage tests stop it). Requests from 127.0.0.1 come through a "trusted proxy", so each test picks its
 * client address with {@code X-Forwarded-For}; by default every request gets a fresh one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(GatewayTestSupport.JwksClock.class)
abstract class GatewayTestSupport {

    /** The clock of the JWKS cache: it moves only when a test moves it, so key refetch floors are exact. */
    static final MutableClock JWKS_CLOCK = new MutableClock();

    static final RSAKey KEY_A = Tokens.rsaKey("key-a");
    static final StubJwks JWKS = new StubJwks(KEY_A);
    static final StubBackend AUTH = StubBackend.start("auth");
    static final StubBackend COURSE = StubBackend.start("course");
    static final StubBackend MEDIA = StubBackend.start("media");
    static final StubBackend WEBHOOK = StubBackend.start("webhook");
    static final RedisInstance REDIS = startRedis();
    static final String ALLOWED_ORIGIN = "https://app.example.com";
    static final int AUTH_LIMIT = 5;
    static final int DEFAULT_LIMIT = 8;
    static final int ANALYTICS_LIMIT = 2;

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @TestConfiguration(proxyBeanMethods = false)
    static class JwksClock {

        @Bean
        Clock jwksClock() {
            return JWKS_CLOCK;
        }
    }

    private static RedisInstance startRedis() {
        RedisInstance redis = new RedisInstance();
        redis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        return redis;
    }

    @DynamicPropertySource
    static void gatewayEnvironment(DynamicPropertyRegistry registry) {
        registry.add("GATEWAY_PORT", () -> "0");
        registry.add("AUTH_SERVICE_URL", AUTH::url);
        registry.add("COURSE_SERVICE_URL", COURSE::url);
        registry.add("MEDIA_SERVICE_URL", MEDIA::url);
        registry.add("WEBHOOK_SERVICE_URL", WEBHOOK::url);
        registry.add("LECTERN_JWKS_URI", JWKS::uri);
        registry.add("LECTERN_JWKS_REFETCH_MIN_INTERVAL", () -> "1s");
        registry.add("REDIS_HOST", REDIS::host);
        registry.add("REDIS_PORT", REDIS::port);
        registry.add("LECTERN_RATE_LIMIT_AUTH_PER_MINUTE", () -> AUTH_LIMIT);
        registry.add("LECTERN_RATE_LIMIT_DEFAULT_PER_MINUTE", () -> DEFAULT_LIMIT);
        registry.add("LECTERN_RATE_LIMIT_ROUTES", () -> "course-admin-analytics=" + ANALYTICS_LIMIT);
        registry.add("LECTERN_RATE_LIMIT_REDIS_RETRY_INTERVAL", () -> "200ms");
        // generous for a busy build machine; the outage test relies on refused connections, not on timeouts
        registry.add("LECTERN_REDIS_TIMEOUT", () -> "2s");
        registry.add("LECTERN_TRUSTED_PROXIES", () -> "127.0.0.1/32, 10.10.0.0/16");
        registry.add("LECTERN_CORS_ALLOWED_ORIGINS", () -> ALLOWED_ORIGIN);
        registry.add("LECTERN_MAX_REQUEST_SIZE", () -> "64KB");
        registry.add("LECTERN_MAX_UPLOAD_SIZE", () -> "256KB");
        registry.add("LECTERN_UPSTREAM_RESPONSE_TIMEOUT", () -> "1s");
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A request to the management port (health probes, metrics), which only operators reach. */
    HttpRequest.Builder management(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(20)).GET();
    }

    /** A request from a fresh client address (through the trusted proxy at 127.0.0.1). */
    HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("X-Forwarded-For", randomIp())
                .method(method, HttpRequest.BodyPublishers.noBody());
    }

    HttpRequest.Builder authorized(String method, String path, String token) {
        return request(method, path).header("Authorization", "Bearer " + token);
    }

    static String validToken(UUID userId, String role) {
        return Tokens.rs256(KEY_A, userId, role, claims -> claims);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(CLIENT, request);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** What the stub service saw, asserting the gateway answered 200 with the stub's echo. */
    static JsonNode echo(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://lectern.dev/problems/" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("request_id").asString()).isEqualTo(
                response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    static HttpClient clientFrom(String localAddress) {
        try {
            return HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress))
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
