package dev.lectern.media.mux;

/** A playback id of an asset; not the asset id. */
public record PlaybackId(String id, PlaybackPolicy policy, String drmConfigurationId) {
}
