package dev.lectern.media.mux;

/** One entry of {@code advanced_playback_policies}; DRM needs its configuration id. */
public record AdvancedPlaybackPolicy(PlaybackPolicy policy, String drmConfigurationId) {

    public static AdvancedPlaybackPolicy drm(String drmConfigurationId) {
        if (drmConfigurationId == null || drmConfigurationId.isBlank()) {
            throw new IllegalArgumentException("DRM needs a drm_configuration_id");
        }
        return new AdvancedPlaybackPolicy(PlaybackPolicy.DRM, drmConfigurationId);
    }
}
