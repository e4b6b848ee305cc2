package dev.lectern.media.mux;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MuxRequestValidationTest {

    @Test
    void settingsWithBothPlaybackPoliciesAndAdvancedPoliciesAreRefused() {
        assertThatThrownBy(() -> new NewAssetSettings(List.of(PlaybackPolicy.SIGNED),
                List.of(AdvancedPlaybackPolicy.drm("cfg")), "x", "plus"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passthroughLongerThan255CharactersIsRefused() {
        assertThatThrownBy(() -> NewAssetSettings.signed("x".repeat(256), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void drmWithoutConfigurationIdIsRefused() {
        assertThatThrownBy(() -> NewAssetSettings.drm("x", " ", "plus")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreatePlaybackId(PlaybackPolicy.DRM, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uploadTimeoutOutsideMuxBoundsIsRefused() {
        assertThatThrownBy(() -> new CreateUpload("*", 59, NewAssetSettings.signed("x", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreateUpload("*", 604_801, NewAssetSettings.signed("x", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uploadWithoutCorsOriginIsRefused() {
        assertThatThrownBy(() -> new CreateUpload(null, null, NewAssetSettings.signed("x", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
