package dev.lectern.media.upload;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lectern.media.upload.*}: the origin a browser PUTs the file from ({@code cors_origin} at Mux), how long
 * an upload URL lives, the Mux DRM configuration (DRM applies only when it is set and the course asks for DRM)
 * and the video quality of new assets (DRM needs {@code plus} or {@code premium}).
 */
@ConfigurationProperties("lectern.media.upload")
public record UploadProperties(String corsOrigin, Duration timeout, String drmConfigurationId, String videoQuality) {

    public UploadProperties {
        corsOrigin = corsOrigin == null || corsOrigin.isBlank() ? "*" : corsOrigin.strip();
        timeout = timeout == null ? Duration.ofHours(1) : timeout;
        drmConfigurationId = drmConfigurationId == null || drmConfigurationId.isBlank() ? null
                : drmConfigurationId.strip();
        videoQuality = videoQuality == null || videoQuality.isBlank() ? null : videoQuality.strip();
    }

    public boolean drmAvailable() {
        return drmConfigurationId != null;
    }
}
