package dev.lectern.media.mux;

import java.util.List;

/**
 * {@code new_asset_settings} of a direct upload. Mux refuses {@code playback_policies} together with
 * {@code advanced_playback_policies}, so use {@link #signed} or {@link #drm}.
 */
public record NewAssetSettings(List<PlaybackPolicy> playbackPolicies,
                               List<AdvancedPlaybackPolicy> advancedPlaybackPolicies,
                               String passthrough,
                               String videoQuality) {

    static final int MAX_PASSTHROUGH = 255;

    public NewAssetSettings {
        if (playbackPolicies != null && !playbackPolicies.isEmpty()
                && advancedPlaybackPolicies != null && !advancedPlaybackPolicies.isEmpty()) {
            throw new IllegalArgumentException("playback_policies and advanced_playback_policies cannot be combined");
        }
        if (passthrough != null && passthrough.length() > MAX_PASSTHROUGH) {
            throw new IllegalArgumentException("passthrough is longer than " + MAX_PASSTHROUGH + " characters");
        }
        playbackPolicies = playbackPolicies == null ? null : List.copyOf(playbackPolicies);
        advancedPlaybackPolicies = advancedPlaybackPolicies == null ? null : List.copyOf(advancedPlaybackPolicies);
    }

    /** A signed playback id; {@code videoQuality} may be null (Mux default). */
    public static NewAssetSettings signed(String passthrough, String videoQuality) {
        return new NewAssetSettings(List.of(PlaybackPolicy.SIGNED), null, passthrough, videoQuality);
    }

    /** A DRM playback id; Mux requires video quality {@code plus} or {@code premium} for DRM. */
    public static NewAssetSettings drm(String passthrough, String drmConfigurationId, String videoQuality) {
        return new NewAssetSettings(null, List.of(AdvancedPlaybackPolicy.drm(drmConfigurationId)), passthrough,
                videoQuality);
    }
}
