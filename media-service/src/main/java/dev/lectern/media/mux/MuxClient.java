package dev.lectern.media.mux;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lectern.media.http.JdkTimeoutRequestFactory;
import dev.lectern.media.mux.MuxException.MuxError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small typed client for the Mux Video API (uploads, assets, playback ids). Responses are unwrapped from
 * {@code {"data": ...}}; errors become {@link MuxException}s. It runs on a {@link RestClient} built from Boot's
 * builder, so every attempt is observed: {@code http.client.requests} with the uri template (e.g.
 * {@code /video/v1/assets/{assetId}}), status and outcome, and a trace span whose context Mux receives.
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
    private final RestClient rest;
    private final Timer timer;
    private final DoubleSupplier random;

    /** @param rest Boot's {@code RestClient.Builder} (observed); the client sets its own base URL and timeouts */
    public MuxClient(MuxProperties properties, RestClient.Builder rest) {
        this(properties, rest, Timer.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
    }

    MuxClient(MuxProperties properties, RestClient.Builder rest, Timer timer, DoubleSupplier random) {
        this.properties = properties;
        this.timer = timer;
        this.random = random;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String credentials = properties.tokenId() + ":" + properties.tokenSecret();
        this.rest = rest.clone()
                .requestFactory(new JdkTimeoutRequestFactory(http, properties.readTimeout()))
                .baseUrl(properties.baseUrl().toString().replaceAll("/+$", ""))
                .defaultHeader(HttpHeaders.AUTHORIZATION,
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
        if (!properties.hasCredentials()) {
            log.warn("Mux access token id or secret is not set; Mux calls will be rejected");
        }
    }

    // uploads

    /** {@code POST /video/v1/uploads} → the upload with its signed PUT url. */
    public Upload createUpload(CreateUpload request) {
        return call(HttpMethod.POST, "/video/v1/uploads", request, Kind.CREATE, Upload.class);
    }

    /** {@code GET /video/v1/uploads/{id}}; throws {@link MuxNotFoundException} for an unknown id. */
    public Upload getUpload(String uploadId) {
        return call(HttpMethod.GET, "/video/v1/uploads/{uploadId}", null, Kind.IDEMPOTENT, Upload.class,
                id(uploadId));
    }

    /** {@code PUT /video/v1/uploads/{id}/cancel}; Mux answers 403 (→ rejected) once the upload left {@code waiting}. */
    public Upload cancelUpload(String uploadId) {
        return call(HttpMethod.PUT, "/video/v1/uploads/{uploadId}/cancel", null, Kind.IDEMPOTENT, Upload.class,
                id(uploadId));
    }

    // assets

    /** {@code GET /video/v1/assets/{id}}; throws {@link MuxNotFoundException} for an unknown id. */
    public Asset getAsset(String assetId) {
        return call(HttpMethod.GET, "/video/v1/assets/{assetId}", null, Kind.IDEMPOTENT, Asset.class, id(assetId));
    }

    /**
     * {@code DELETE /video/v1/assets/{id}}.
     *
     * @return true if deleted now, false if Mux did not know it (already gone)
     */
    public boolean deleteAsset(String assetId) {
        return deleteIgnoringNotFound("/video/v1/assets/{assetId}", id(assetId));
    }

    // playback ids

    /** {@code POST /video/v1/assets/{id}/playback-ids}. */
    public PlaybackId createPlaybackId(String assetId, CreatePlaybackId request) {
        return call(HttpMethod.POST, "/video/v1/assets/{assetId}/playback-ids", request, Kind.CREATE,
                PlaybackId.class, id(assetId));
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
        return deleteIgnoringNotFound("/video/v1/assets/{assetId}/playback-ids/{playbackId}", id(assetId),
                id(playbackId));
    }

    private boolean deleteIgnoringNotFound(String path, String... ids) {
        try {
            call(HttpMethod.DELETE, path, null, Kind.IDEMPOTENT, Void.class, ids);
            return true;
        } catch (MuxNotFoundException gone) {
            return false;
        }
    }

    // transport

    /** A response as the retry logic needs it, read whole inside the exchange. */
    private record Answer(int status, HttpHeaders headers, String body) {
    }

    /**
     * One call with its retries. {@code path} is a uri template ({@code /video/v1/assets/{assetId}}) expanded with
     * {@code ids}, so metrics group calls by the template, not by id.
     */
    private <T> T call(HttpMethod method, String path, Object body, Kind kind, Class<T> type, String... ids) {
        String target = method + " " + new UriTemplate(path).expand((Object[]) ids);
        long start = timer.nanoTime();
        Duration budget = properties.retryBudget();
        for (int attempt = 0; ; attempt++) {
            Failure failure;
            try {
                Answer answer = send(method, path, body, ids);
                int status = answer.status();
                if (status >= 200 && status < 300) {
                    return type == Void.class ? null : unwrap(answer.body(), type, target);
                }
                failure = failureOf(target, kind, answer);
            } catch (ResourceAccessException io) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new MuxUnavailableException(MuxError.none(), properties.retryBaseDelay(), io);
                }
                if (io.getCause() instanceof HttpConnectTimeoutException || io.getCause() instanceof ConnectException) {
                    // nothing was sent: safe to repeat any request
                    failure = new Failure(true, null, MuxError.none(), io.getCause());
                    log.warn("Mux {}: could not connect ({})", target, io.getCause().getClass().getSimpleName());
                } else {
                    // timeout or broken connection after the request may have been sent
                    Throwable cause = io.getCause() == null ? io : io.getCause();
                    failure = new Failure(kind == Kind.IDEMPOTENT, null, MuxError.none(), cause);
                    log.warn("Mux {}: no complete answer ({})", target, cause.getClass().getSimpleName());
                }
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
            log.info("Mux {}: retry {} of {} in {} ms", target, attempt + 1, properties.maxRetries(), delay.toMillis());
            try {
                timer.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new MuxUnavailableException(failure.error(), delay, interrupted);
            }
        }
    }

    /** One attempt; any status comes back as an {@link Answer}, I/O failures as {@link ResourceAccessException}. */
    private Answer send(HttpMethod method, String path, Object body, String... ids) {
        RestClient.RequestBodySpec request = rest.method(method).uri(path, (Object[]) ids);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
        }
        return request.exchange((sent, response) -> new Answer(response.getStatusCode().value(),
                HttpHeaders.readOnlyHttpHeaders(response.getHeaders()),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    /** What to do after an unsuccessful attempt: retry, or give up with {@code finalException} right away. */
    private record Failure(boolean retryable, Duration retryAfter, MuxError error, Throwable cause,
                           MuxException finalException) {

        Failure(boolean retryable, Duration retryAfter, MuxError error, Throwable cause) {
            this(retryable, retryAfter, error, cause, null);
        }
    }

    private Failure failureOf(String target, Kind kind, Answer answer) {
        int status = answer.status();
        MuxError error = errorOf(status, answer.body());
        if (status == 429) {
            // rate limited: Mux did not process it, so even a create may be repeated
            log.warn("Mux {}: rate limited (429)", target);
            return new Failure(true, retryAfter(answer.headers()).orElse(null), error, null);
        }
        if (status >= 500) {
            log.warn("Mux {}: {} {} {}", target, status, error.type(), error.messages());
            return new Failure(kind == Kind.IDEMPOTENT, retryAfter(answer.headers()).orElse(null), error, null);
        }
        if (status == 404) {
            return new Failure(false, null, error, null, new MuxNotFoundException(error));
        }
        log.warn("Mux {} rejected: {} {} {}", target, status, error.type(), error.messages());
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
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> millis = Optional.ofNullable(headers.getFirst("retry-after-ms"));
        if (millis.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Long.parseLong(millis.get().trim()))));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        Optional<String> value = Optional.ofNullable(headers.getFirst(HttpHeaders.RETRY_AFTER));
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

    private static <T> T unwrap(String body, Class<T> type, String target) {
        try {
            JsonNode data = JSON.readTree(body).path("data");
            if (data.isMissingNode() || data.isNull()) {
                throw new IllegalStateException("no data");
            }
            return JSON.treeToValue(data, type);
        } catch (JacksonException | IllegalStateException malformed) {
            log.warn("Mux {}: unreadable success response ({})", target, malformed.getClass().getSimpleName());
            throw new MuxRejectedException(new MuxError(200, "unreadable_response", List.of()));
        }
    }

    /** An id for a path segment; a blank one would name another resource. */
    private static String id(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        return id;
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
