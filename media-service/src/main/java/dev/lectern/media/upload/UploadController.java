package dev.lectern.media.upload;

import dev.lectern.contracts.user.Role;
import dev.lectern.media.catalog.MediaCatalog;
import dev.lectern.media.catalog.MediaCatalog.CatalogLecture;
import dev.lectern.media.video.LectureVideos;
import dev.lectern.servicekit.problem.ConflictException;
import dev.lectern.servicekit.problem.ForbiddenException;
import dev.lectern.servicekit.problem.NotFoundException;
import dev.lectern.servicekit.security.CurrentUser;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Direct uploads: the client gets a one-off URL and PUTs the file straight to Mux. Owner or admin only. */
@RestController
@RequestMapping("/api/v1/lectures/{lectureId}/uploads")
class UploadController {

    record UploadView(String uploadId, URI uploadUrl, Instant expiresAt, UUID lectureId) {
    }

    private final Uploads uploads;
    private final MediaCatalog catalog;
    private final LectureVideos videos;

    UploadController(Uploads uploads, MediaCatalog catalog, LectureVideos videos) {
        this.uploads = uploads;
        this.catalog = catalog;
        this.videos = videos;
    }

    @PostMapping
    ResponseEntity<UploadView> create(@PathVariable UUID lectureId, CurrentUser user) {
        CatalogLecture lecture = ownedLecture(lectureId, user);
        videos.of(lectureId).filter(v -> v.state().equals("processing") || v.ready()).ifPresent(v -> {
            throw new ConflictException("This lecture already has a video (" + v.state() + ").");
        });
        StartedUpload started = uploads.start(lectureId, lecture.courseId(), lecture.drm());
        return ResponseEntity.created(URI.create("/api/v1/lectures/" + lectureId + "/uploads/" + started.uploadId()))
                .body(new UploadView(started.uploadId(), started.uploadUrl(), started.expiresAt(), lectureId));
    }

    @DeleteMapping("/{uploadId}")
    ResponseEntity<Void> cancel(@PathVariable UUID lectureId, @PathVariable String uploadId, CurrentUser user) {
        ownedLecture(lectureId, user);
        uploads.cancel(lectureId, uploadId);
        return ResponseEntity.noContent().build();
    }

    private CatalogLecture ownedLecture(UUID lectureId, CurrentUser user) {
        if (!user.isAdmin() && !user.is(Role.INSTRUCTOR)) {
            throw new ForbiddenException("Only the course's instructor or an admin can upload lecture videos.");
        }
        CatalogLecture lecture = catalog.lecture(lectureId, user.id())
                .orElseThrow(() -> new NotFoundException("No lecture " + lectureId + "."));
        if (!user.isAdmin() && !lecture.instructorId().equals(user.id())) {
            throw new ForbiddenException("Only the course's instructor or an admin can upload lecture videos.");
        }
        return lecture;
    }
}
