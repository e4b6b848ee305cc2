package dev.lectern.muxemulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MuxEmulator} runs. Build with {@link #builder()}; every setting has a local default.
 *
 * @param port                   TCP port on localhost, 0 for any free port
 * @param tokenId                HTTP Basic user required on {@code /video/v1/**} and {@code /system/v1/**}
 * @param tokenSecret            HTTP Basic password for the same
 * @param webhookUrl             where webhooks are POSTed; null sends none
 * @param webhookSecret          key of the {@code Mux-Signature} HMAC (UTF-8 bytes)
 * @param dataDirectory          uploaded files and {@code state.json}; null for a temporary directory removed on close
 * @param processingDelay        time from a complete upload to the asset being ready (or errored)
 * @param webhookInitialBackoff  wait before the first retry of a failed delivery, doubled per retry
 * @param webhookMaxBackoff      longest wait between two attempts
 * @param webhookGiveUpAfter     a delivery still failing this long after its first attempt is dropped
 * @param webhookAttemptTimeout  time allowed for one delivery attempt (Mux: 5 s)
 * @param uploadChunkMultiple    every chunk but the last of a resumable upload must be a multiple of this
 *                               (GCS: 256 KiB); 1 accepts any size
 * @param ffprobeCommand         ffprobe to read files that are not MP4/MOV (WebM, Matroska...) when it is
 *                               installed; blank never runs it
 */
public record MuxEmulatorSettings(int port,
                                  String tokenId,
                                  String tokenSecret,
                                  URI webhookUrl,
                                  String webhookSecret,
                                  Path dataDirectory,
                                  Duration processingDelay,
                                  Duration webhookInitialBackoff,
                                  Duration webhookMaxBackoff,
                                  Duration webhookGiveUpAfter,
                                  Duration webhookAttemptTimeout,
                                  int uploadChunkMultiple,
                                  String ffprobeCommand) {

    public static final String DEFAULT_TOKEN_ID = "lectern-dev-mux-token-id";
    public static final String DEFAULT_TOKEN_SECRET = "lectern-dev-mux-token-secret";
    /** The webhook secret webhook-service accepts by default locally. */
    public static final String DEFAULT_WEBHOOK_SECRET = "lectern-dev-mux-webhook-secret";
    public static final int GCS_CHUNK_MULTIPLE = 256 * 1024;

    public MuxEmulatorSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        requireText(tokenId, "tokenId");
        requireText(tokenSecret, "tokenSecret");
        requireText(webhookSecret, "webhookSecret");
        requirePositive(webhookInitialBackoff, "webhookInitialBackoff");
        requirePositive(webhookMaxBackoff, "webhookMaxBackoff");
        requirePositive(webhookGiveUpAfter, "webhookGiveUpAfter");
        requirePositive(webhookAttemptTimeout, "webhookAttemptTimeout");
        Objects.requireNonNull(processingDelay, "processingDelay");
        if (processingDelay.isNegative()) {
            throw new IllegalArgumentException("processingDelay must not be negative");
        }
        if (uploadChunkMultiple < 1) {
            throw new IllegalArgumentException("uploadChunkMultiple must be at least 1");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().port(port).tokenId(tokenId).tokenSecret(tokenSecret).webhookUrl(webhookUrl)
                .webhookSecret(webhookSecret).dataDirectory(dataDirectory).processingDelay(processingDelay)
                .webhookRetry(webhookInitialBackoff, webhookMaxBackoff, webhookGiveUpAfter)
                .webhookAttemptTimeout(webhookAttemptTimeout).uploadChunkMultiple(uploadChunkMultiple)
                .ffprobeCommand(ffprobeCommand);
    }

    @Override
    public String toString() {
        return "MuxEmulatorSettings[port=" + port + ", tokenId=" + tokenId + ", tokenSecret=******, webhookUrl="
                + webhookUrl + ", webhookSecret=******, dataDirectory=" + dataDirectory + ", processingDelay="
                + processingDelay + ", webhookRetry=" + webhookInitialBackoff + "/" + webhookMaxBackoff + "/"
                + webhookGiveUpAfter + ", uploadChunkMultiple=" + uploadChunkMultiple + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Defaults: any port, the dev token and webhook secret, no webhooks, a temporary directory, 500 ms processing. */
    public static final class Builder {
        private int port;
        private String tokenId = DEFAULT_TOKEN_ID;
        private String tokenSecret = DEFAULT_TOKEN_SECRET;
        private URI webhookUrl;
        private String webhookSecret = DEFAULT_WEBHOOK_SECRET;
        private Path dataDirectory;
        private Duration processingDelay = Duration.ofMillis(500);
        private Duration webhookInitialBackoff = Duration.ofMillis(250);
        private Duration webhookMaxBackoff = Duration.ofSeconds(5);
        private Duration webhookGiveUpAfter = Duration.ofHours(1);
        private Duration webhookAttemptTimeout = Duration.ofSeconds(5);
        private int uploadChunkMultiple = GCS_CHUNK_MULTIPLE;
        private String ffprobeCommand = "ffprobe";

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder tokenId(String tokenId) {
            this.tokenId = tokenId;
            return this;
        }

        public Builder tokenSecret(String tokenSecret) {
            this.tokenSecret = tokenSecret;
            return this;
        }

        public Builder webhookUrl(URI webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : URI.create(webhookUrl.strip());
            return this;
        }

        public Builder webhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
            return this;
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder processingDelay(Duration processingDelay) {
            this.processingDelay = processingDelay;
            return this;
        }

        public Builder webhookRetry(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {
            this.webhookInitialBackoff = initialBackoff;
            this.webhookMaxBackoff = maxBackoff;
            this.webhookGiveUpAfter = giveUpAfter;
            return this;
        }

        public Builder webhookAttemptTimeout(Duration webhookAttemptTimeout) {
            this.webhookAttemptTimeout = webhookAttemptTimeout;
            return this;
        }

        public Builder uploadChunkMultiple(int uploadChunkMultiple) {
            this.uploadChunkMultiple = uploadChunkMultiple;
            return this;
        }

        public Builder ffprobeCommand(String ffprobeCommand) {
            this.ffprobeCommand = ffprobeCommand;
            return this;
        }

        public MuxEmulatorSettings build() {
            return new MuxEmulatorSettings(port, tokenId, tokenSecret, webhookUrl, webhookSecret, dataDirectory,
                    processingDelay, webhookInitialBackoff, webhookMaxBackoff, webhookGiveUpAfter,
                    webhookAttemptTimeout, uploadChunkMultiple, ffprobeCommand);
        }
    }
}
