package dev.lectern.media.mux;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Who may play a playback id. {@code UNKNOWN} stands for a value Mux added after this client was written. */
public enum PlaybackPolicy {
    @JsonProperty("public") PUBLIC,
    @JsonProperty("signed") SIGNED,
    @JsonProperty("drm") DRM,
    @JsonEnumDefaultValue UNKNOWN
}
