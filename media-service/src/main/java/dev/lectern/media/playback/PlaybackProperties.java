package dev.lectern.media.playback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lectern.media.playback.*}: the Mux signing key (id and base64 PEM private key), how long a token lives,
 * and Mux's stream, image and license hosts (the local platform points them at the Mux emulator).
 */
@ConfigurationProperties("lectern.media.playback")
public record PlaybackProperties(String signingKeyId, String signingKeyPrivate, Duration tokenTtl,
                                 String streamBaseUrl, String imageBaseUrl, String licenseBaseUrl) {

    public PlaybackProperties {
        tokenTtl = tokenTtl == null ? Duration.ofMinutes(10) : tokenTtl;
        streamBaseUrl = strip(streamBaseUrl, "https://stream.mux.com");
        imageBaseUrl = strip(imageBaseUrl, "https://image.mux.com");
        licenseBaseUrl = strip(licenseBaseUrl, "https://license.mux.com");
    }

    boolean signingConfigured() {
        return signingKeyId != null && !signingKeyId.isBlank() && signingKeyPrivate != null
                && !signingKeyPrivate.isBlank();
    }

    private static String strip(String url, String fallback) {
        String value = url == null || url.isBlank() ? fallback : url.strip();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    @Override
    public String toString() {
        return "PlaybackProperties[signingKeyId=" + signingKeyId + ", signingKeyPrivate=<hidden>, tokenTtl=" + tokenTtl
                + ", streamBaseUrl=" + streamBaseUrl + ", imageBaseUrl=" + imageBaseUrl + ", licenseBaseUrl="
                + licenseBaseUrl + "]";
    }
}
