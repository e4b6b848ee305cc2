package dev.lectern.media.mux;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mux API access ({@code lectern.mux.*}, from {@code MUX_*} env vars). The token secret never appears in
 * {@link #toString()}.
 *
 * @param baseUrl         API root, {@code https://api.mux.com}
 * @param tokenId         access token id (Basic user)
 * @param tokenSecret     access token secret (Basic password)
 * @param connectTimeout  TCP/TLS connect timeout
 * @param readTimeout     time allowed for the response of one attempt
 * @param maxRetries      retries after the first attempt
 * @param retryBaseDelay  first backoff delay, doubled per retry (full jitter)
 * @param retryMaxDelay   cap of one backoff delay
 * @param retryBudget     total time one call may spend, attempts and waits included
 */
@ConfigurationProperties("lectern.mux")
public record MuxProperties(@DefaultValue("https://api.mux.com") URI baseUrl,
                            @DefaultValue("") String tokenId,
                            @DefaultValue("") String tokenSecret,
                            @DefaultValue("PT2S") Duration connectTimeout,
                            @DefaultValue("PT10S") Duration readTimeout,
                            @DefaultValue("3") int maxRetries,
                            @DefaultValue("PT0.5S") Duration retryBaseDelay,
                            @DefaultValue("PT8S") Duration retryMaxDelay,
                            @DefaultValue("PT30S") Duration retryBudget) {

    public MuxProperties {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("lectern.mux.max-retries must be >= 0");
        }
        tokenId = tokenId == null ? "" : tokenId;
        tokenSecret = tokenSecret == null ? "" : tokenSecret;
    }

    boolean hasCredentials() {
        return !tokenId.isBlank() && !tokenSecret.isBlank();
    }

    @Override
    public String toString() {
        return "MuxProperties[baseUrl=" + baseUrl + ", tokenId=" + tokenId
                + ", tokenSecret=" + (tokenSecret.isEmpty() ? "<unset>" : "******")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxRetries=" + maxRetries + ", retryBaseDelay=" + retryBaseDelay
                + ", retryMaxDelay=" + retryMaxDelay + ", retryBudget=" + retryBudget + "]";
    }
}
