package dev.lectern.media.mux;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Asset states (mux-api.md §3.3). */
public enum AssetStatus {
    @JsonProperty("preparing") PREPARING,
    @JsonProperty("ready") READY,
    @JsonProperty("errored") ERRORED,
    @JsonEnumDefaultValue UNKNOWN
}
