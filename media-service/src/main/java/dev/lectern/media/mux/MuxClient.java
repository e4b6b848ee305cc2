package dev.lectern.media.mux;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lectern.media.mux.MuxException.MuxError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small typed client for the Mux Video API (uploads, assets, playback ids). Responses are unwrapped from
 * {@code {"data": ...}}; errors become {@link MuxException}s.
 *
 * <p>Retries: 429, 5xx and connection failures are retried with exponential backoff and full jitter, honouring
 * {@code Retry-After}, up to {@code maxRetries} and within {@code retryBudget}. Creating calls (POST) are
 * retried only when Mux provably did not act on them: a 429, or a connection that was never established.
 * After a timeout or a 5xx the POST may have succeeded, and repeating it could create a second upload or
 * playback id, so the call fails instead.
 */
public class MuxClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MuxClient.class);

    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /** Time source and sleeping, replaceable in tests. */
    interface Timer {
        long nanoTime();

        void sleep(Duration duration) throws InterruptedException;

        Timer SYSTEM = new Timer() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration);
            }
        };
    }

    private enum Kind {
        /** GET, PUT cancel, DELETE: repeating them is harmless. */
        IDEMPOTENT,
        /** POST that creates something: repeat only if Mux provably did not process it. */
        CREATE
    }

    private final MuxProperties properties;
    private final HttpClient http;
    private final String authorization;
    private final Timer timer;
    private final DoubleSupplier random;

    public MuxClient(MuxProperties properties) {
        this(properties, Timer.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
    }

    MuxClient(MuxProperties properties, Timer timer, DoubleSupplier random) {
        this.properties = properties;
        this.timer = timer;
        this.random = random;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String credentials = properties.tokenId() + ":" + properties.tokenSecret();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        if (!properties.hasCredentials()) {
            log.warn("Mux access token id or secret is not set; Mux calls will be rejected");
        }
    }

    // uploads

    /** {@code POST /video/v1/uploads} → the upload with its signed PUT url. */
    public Upload createUpload(CreateUpload request) {
        return call("POST", "/video/v1/uploads", request, Kind.CREATE, Upload.class);
    }

    /** {@code GET /video/v1/uploads/{id}}; throws {@link MuxNotFoundException} for an unknown id. */
    public Upload getUpload(String uploadId) {
        return call("GET", "/video/v1/uploads/" + segment(uploadId), null, Kind.IDEMPOTENT, Upload.class);
    }

    /** {@code PUT /video/v1/uploads/{id}/cancel}; Mux answers 403 (→ rejected) once the upload left {@code waiting}. */
    public Upload cancelUpload(String uploadId) {
        return call("PUT", "/video/v1/uploads/" + segment(uploadId) + "/cancel", null, Kind.IDEMPOTENT, Upload.class);
    }

    // assets

    /** {@code GET /video/v1/assets/{id}}; throws {@link MuxNotFoundException} for an unknown id. */
    public Asset getAsset(String assetId) {
        return call("GET", "/video/v1/assets/" + segment(assetId), null, Kind.IDEMPOTENT, Asset.class);
    }

    /**
     * {@code DELETE /video/v1/assets/{id}}.
     *
     * @return true if deleted now, false if Mux did not know it (already gone)
     */
    public boolean deleteAsset(String assetId) {
        return deleteIgnoringNotFound("/video/v1/assets/" + segment(assetId));
    }

    // playback ids

    /** {@code POST /video/v1/assets/{id}/playback-ids}. */
    public PlaybackId createPlaybackId(String assetId, CreatePlaybackId request) {
        return call("POST", "/video/v1/assets/" + segment(assetId) + "/playback-ids", request, Kind.CREATE,
                PlaybackId.class);
    }

    /** {@code POST /video/v1/assets/{id}/playback-ids} for a public or signed policy. */
    public PlaybackId createPlaybackId(String assetId, PlaybackPolicy policy) {
        return createPlaybackId(assetId, CreatePlaybackId.of(policy));
    }

    /**
     * {@code DELETE /video/v1/assets/{id}/playback-ids/{pid}}: revokes playback.
     *
     * @return true if deleted now, false if Mux did not know it (already gone)
     */
    public boolean deletePlaybackId(String assetId, String playbackId) {
        return deleteIgnoringNotFound("/video/v1/assets/" + segment(assetId) + "/playback-ids/" + segment(playbackId));
    }

    private boolean deleteIgnoringNotFound(String path) {
        try {
            call("DELETE", path, null, Kind.IDEMPOTENT, Void.class);
            return true;
        } catch (MuxNotFoundException gone) {
            return false;
        }
    }

    // transport

    private <T> T call(String method, String path, Object body, Kind kind, Class<T> type) {
        HttpRequest request = request(method, path, body);
        long start = timer.nanoTime();
        Duration budget = properties.retryBudget();
        for (int attempt = 0; ; attempt++) {
            Failure failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return type == Void.class ? null : unwrap(response.body(), type, method, path);
                }
                failure = failureOf(method, path, kind, response);
            } catch (HttpConnectTimeoutException | ConnectException notConnected) {
                // nothing was sent: safe to repeat any request
                failure = new Failure(true, null, MuxError.none(), notConnected);
                log.warn("Mux {} {}: could not connect ({})", method, path, notConnected.getClass().getSimpleName());
            } catch (IOException io) {
                // timeout or broken connection after the request may have been sent
                failure = new Failure(kind == Kind.IDEMPOTENT, null, MuxError.none(), io);
                log.warn("Mux {} {}: no complete answer ({})", method, path, io.getClass().getSimpleName());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new MuxUnavailableException(MuxError.none(), properties.retryBaseDelay(), interrupted);
            }

            if (failure.finalException() != null) {
                throw failure.finalException();
            }
            Duration delay = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempt);
            Duration elapsed = Duration.ofNanos(timer.nanoTime() - start);
            boolean withinBudget = elapsed.plus(delay).compareTo(budget) <= 0;
            if (!failure.retryable() || attempt >= properties.maxRetries() || !withinBudget) {
                throw new MuxUnavailableException(failure.error(), delay, failure.cause());
            }
            log.info("Mux {} {}: retry {} of {} in {} ms", method, path, attempt + 1, properties.maxRetries(),
                    delay.toMillis());
            try {
                timer.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new MuxUnavailableException(failure.error(), delay, interrupted);
            }
        }
    }

    /** What to do after an unsuccessful attempt: retry, or give up with {@code finalException} right away. */
    private record Failure(boolean retryable, Duration retryAfter, MuxError error, Throwable cause,
                           MuxException finalException) {

        Failure(boolean retryable, Duration retryAfter, MuxError error, Throwable cause) {
            this(retryable, retryAfter, error, cause, null);
        }
    }

    private Failure failureOf(String method, String path, Kind kind, HttpResponse<String> response) {
        int status = response.statusCode();
        MuxError error = errorOf(status, response.body());
        if (status == 429) {
            // rate limited: Mux did not process it, so even a create may be repeated
            log.warn("Mux {} {}: rate limited (429)", method, path);
            return new Failure(true, retryAfter(response).orElse(null), error, null);
        }
        if (status >= 500) {
            log.warn("Mux {} {}: {} {} {}", method, path, status, error.type(), error.messages());
            return new Failure(kind == Kind.IDEMPOTENT, retryAfter(response).orElse(null), error, null);
        }
        if (status == 404) {
            return new Failure(false, null, error, null, new MuxNotFoundException(error));
        }
        log.warn("Mux {} {} rejected: {} {} {}", method, path, status, error.type(), error.messages());
        return new Failure(false, null, error, null, new MuxRejectedException(error));
    }

    private Duration backoff(int attempt) {
        long base = properties.retryBaseDelay().toMillis();
        long cap = properties.retryMaxDelay().toMillis();
        long ceiling = Math.min(cap, base << Math.min(attempt, 20));
        // full jitter, but never less than half the step so retries stay spaced
        long millis = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        return Duration.ofMillis(Math.max(1, millis));
    }

    /** {@code retry-after-ms}, or {@code Retry-After} as seconds or an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> millis = response.headers().firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Long.parseLong(millis.get().trim()))));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        Optional<String> value = response.headers().firstValue("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }

    private static MuxError errorOf(int status, String body) {
        if (body == null || body.isBlank()) {
            return new MuxError(status, null, List.of());
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String type = error.path("type").isString() ? error.path("type").asString() : null;
            List<String> messages = new ArrayList<>();
            JsonNode list = error.path("messages");
            if (list.isArray()) {
                list.forEach(m -> messages.add(m.asString()));
            } else if (list.isString()) {
                messages.add(list.asString());
            }
            return new MuxError(status, type, messages);
        } catch (JacksonException notJson) {
            return new MuxError(status, null, List.of());
        }
    }

    private static <T> T unwrap(String body, Class<T> type, String method, String path) {
        try {
            JsonNode data = JSON.readTree(body).path("data");
            if (data.isMissingNode() || data.isNull()) {
                throw new IllegalStateException("no data");
            }
            return JSON.treeToValue(data, type);
        } catch (JacksonException | IllegalStateException malformed) {
            log.warn("Mux {} {}: unreadable success response ({})", method, path, malformed.getClass().getSimpleName());
            throw new MuxRejectedException(new MuxError(200, "unreadable_response", List.of()));
        }
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(path))
                .timeout(properties.readTimeout())
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.build();
    }

    private URI resolve(String path) {
        String base = properties.baseUrl().toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    private static String segment(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** Stops the HTTP client's threads (Spring calls this when the context closes). */
    @Override
    public void close() {
        http.shutdownNow();
    }

    @Override
    public String toString() {
        return "MuxClient[" + properties + "]";
    }
}
