package dev.lectern.media.mux;

/** Body of {@code POST /video/v1/assets/{id}/playback-ids}. */
public record CreatePlaybackId(PlaybackPolicy policy, String drmConfigurationId) {

    public CreatePlaybackId {
        if (policy == null || policy == PlaybackPolicy.UNKNOWN) {
            throw new IllegalArgumentException("a playback policy is required");
        }
        if (policy == PlaybackPolicy.DRM && (drmConfigurationId == null || drmConfigurationId.isBlank())) {
            throw new IllegalArgumentException("DRM needs a drm_configuration_id");
        }
    }

    public static CreatePlaybackId of(PlaybackPolicy policy) {
        return new CreatePlaybackId(policy, null);
    }
}
