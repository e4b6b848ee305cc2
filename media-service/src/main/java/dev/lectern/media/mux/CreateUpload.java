package dev.lectern.media.mux;

/** Body of {@code POST /video/v1/uploads}. {@code timeout} in seconds, 60..604800, null for Mux's 3600. */
public record CreateUpload(String corsOrigin, Integer timeout, NewAssetSettings newAssetSettings) {

    static final int MIN_TIMEOUT = 60;
    static final int MAX_TIMEOUT = 604_800;

    public CreateUpload {
        if (corsOrigin == null || corsOrigin.isBlank()) {
            throw new IllegalArgumentException("cors_origin is required");
        }
        if (timeout != null && (timeout < MIN_TIMEOUT || timeout > MAX_TIMEOUT)) {
            throw new IllegalArgumentException("timeout must be between 60 and 604800 seconds");
        }
    }
}
