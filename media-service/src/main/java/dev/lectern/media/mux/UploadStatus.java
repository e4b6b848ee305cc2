package dev.lectern.media.mux;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Direct upload states (mux-api.md §2.3). */
public enum UploadStatus {
    @JsonProperty("waiting") WAITING,
    @JsonProperty("asset_created") ASSET_CREATED,
    @JsonProperty("errored") ERRORED,
    @JsonProperty("cancelled") CANCELLED,
    @JsonProperty("timed_out") TIMED_OUT,
    @JsonEnumDefaultValue UNKNOWN
}
