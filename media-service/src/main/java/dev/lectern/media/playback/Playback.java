package dev.lectern.media.playback;

import dev.lectern.contracts.user.Role;
import dev.lectern.media.catalog.MediaCatalog;
import dev.lectern.media.catalog.MediaCatalog.CatalogLecture;
import dev.lectern.media.playback.PlaybackTokens.Audience;
import dev.lectern.media.playback.PlaybackTokens.Token;
import dev.lectern.media.video.LectureVideos;
import dev.lectern.media.video.LectureVideos.LectureVideo;
import dev.lectern.servicekit.problem.ConflictException;
import dev.lectern.servicekit.problem.ForbiddenException;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.problem.ProblemException;
import dev.lectern.servicekit.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Who may watch a lecture, decided from media-service's own read models, and the signed URLs to do it:
 * admins, the course's instructor, students enrolled in the course, and any signed-in user for a free-preview
 * lecture of a published course.
 */
@Service
class Playback {

    /** Signed URLs for one lecture; {@code drm} is null unless the playback id is DRM-protected. */
    record PlaybackView(UUID lectureId, String playbackId, String policy, String hlsUrl, String thumbnailUrl,
                        String storyboardUrl, Instant expiresAt, DrmLicenses drm) {
    }

    record DrmLicenses(String widevineLicenseUrl, String playreadyLicenseUrl, String fairplayLicenseUrl,
                       String fairplayCertificateUrl) {
    }

    private final MediaCatalog catalog;
    private final LectureVideos videos;
    private final ObjectProvider<PlaybackTokens> tokens;
    private final PlaybackProperties properties;
    private final Clock clock;

    Playback(MediaCatalog catalog, LectureVideos videos, ObjectProvider<PlaybackTokens> tokens,
             PlaybackProperties properties, Clock clock) {
        this.catalog = catalog;
        this.videos = videos;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    PlaybackView of(UUID lectureId, CurrentUser user) {
        CatalogLecture lecture = catalog.lecture(lectureId, user.id())
                .orElseThrow(() -> new NotFoundException("No lecture " + lectureId + "."));
        if (!mayWatch(lecture, user)) {
            throw new ForbiddenException("Enroll in the course to watch this lecture.");
        }
        LectureVideo video = videos.of(lectureId).filter(LectureVideo::ready).filter(v -> v.playbackId() != null)
                .orElseThrow(() -> new ConflictException("The lecture's video is not ready yet."));
        String id = video.playbackId();
        String stream = properties.streamBaseUrl() + "/" + id + ".m3u8";
        String thumbnail = properties.imageBaseUrl() + "/" + id + "/thumbnail.jpg";
        String storyboard = properties.imageBaseUrl() + "/" + id + "/storyboard.vtt";
        if ("public".equals(video.playbackPolicy())) {
            return new PlaybackView(lectureId, id, video.playbackPolicy(), stream, thumbnail, storyboard, null, null);
        }
        PlaybackTokens signer = tokens.getIfAvailable();
        if (signer == null) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "playback-unavailable",
                    "Playback signing is not configured",
                    "Signed playback is not available: the Mux signing key is not configured.");
        }
        Token video0 = signer.sign(id, Audience.VIDEO);
        Token thumb = signer.sign(id, Audience.THUMBNAIL);
        Token board = signer.sign(id, Audience.STORYBOARD);
        DrmLicenses drm = null;
        if ("drm".equals(video.playbackPolicy())) {
            String license = "?token=" + signer.sign(id, Audience.DRM_LICENSE).jwt();
            String base = properties.licenseBaseUrl();
            drm = new DrmLicenses(base + "/license/widevine/" + id + license,
                    base + "/license/playready/" + id + license, base + "/license/fairplay/" + id + license,
                    base + "/appcert/fairplay/" + id + license);
        }
        return new PlaybackView(lectureId, id, video.playbackPolicy(), stream + "?token=" + video0.jwt(),
                thumbnail + "?token=" + thumb.jwt(), storyboard + "?token=" + board.jwt(), video0.expiresAt(), drm);
    }

    private boolean mayWatch(CatalogLecture lecture, CurrentUser user) {
        if (user.isAdmin() || lecture.instructorId().equals(user.id())) {
            return true;
        }
        if (lecture.freePreview() && lecture.coursePublished()) {
            return true;
        }
        return user.is(Role.STUDENT) && lecture.viewerEnrolled();
    }
}
