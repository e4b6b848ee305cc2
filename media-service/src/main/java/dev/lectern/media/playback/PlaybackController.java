package dev.lectern.media.playback;

import dev.lectern.media.playback.Playback.PlaybackView;
import dev.lectern.servicekit.security.CurrentUser;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Short-lived signed playback for a lecture; clients ask again before {@code expires_at}. */
@RestController
class PlaybackController {

    private final Playback playback;

    PlaybackController(Playback playback) {
        this.playback = playback;
    }

    @GetMapping("/api/v1/lectures/{lectureId}/playback")
    ResponseEntity<PlaybackView> playback(@PathVariable UUID lectureId, CurrentUser user) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(playback.of(lectureId, user));
    }
}
