package dev.lectern.media.mux;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Mux is rate limiting, failing (5xx), too slow or unreachable, and retries did not help (or were not safe):
 * 503 {@code mux-unavailable} with {@code Retry-After}.
 */
public final class MuxUnavailableException extends MuxException {

    private final Duration retryAfter;

    MuxUnavailableException(MuxError error, Duration retryAfter, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "mux-unavailable", "Video provider unavailable",
                "The video provider is unavailable; try again later.", error, cause);
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        this.retryAfter = Duration.ofSeconds(seconds);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    /** When the client may try again (whole seconds, at least one). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
