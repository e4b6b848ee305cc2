package dev.lectern.course.course;

import dev.lectern.contracts.asset.PlaybackId;
import java.time.Instant;
import java.util.List;

/** A lecture, stored inside its course's document so the course and its lectures change atomically. */
public class Lecture {

    private String id;
    private String title;
    private String description;
    private String category;
    private String subcategory;
    private boolean freePreview;
    private VideoState videoState;
    private Double durationSeconds;
    private String uploadId;
    private String assetId;
    private List<PlaybackId> playbackIds;
    private String aspectRatio;
    private String videoError;
    private Instant createdAt;
    private Instant updatedAt;

    Lecture() {
    }

    Lecture(String id, LectureFields fields, Instant now) {
        this.id = id;
        this.title = fields.title();
        this.description = fields.description();
        this.category = fields.category();
        this.subcategory = fields.subcategory();
        this.freePreview = Boolean.TRUE.equals(fields.freePreview());
        this.videoState = VideoState.AWAITING_UPLOAD;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Applies the fields that are present; returns whether anything changed. */
    boolean apply(LectureFields fields, Instant now) {
        boolean changed = Changes.apply(fields.title(), title, v -> title = v);
        changed |= Changes.apply(fields.description(), description, v -> description = v);
        changed |= Changes.apply(fields.category(), category, v -> category = v);
        changed |= Changes.apply(fields.subcategory(), subcategory, v -> subcategory = v);
        changed |= Changes.apply(fields.freePreview(), freePreview, v -> freePreview = v);
        if (changed) {
            updatedAt = now;
        }
        return changed;
    }

    /** What a video report did to a lecture. */
    enum Applied { STATE_CHANGED, DETAILS_ADDED, UNCHANGED }

    /**
     * Applies a report of the media pipeline. The state moves only as {@link VideoState#canMoveTo} allows;
     * ids the lecture does not know yet are taken from any report, so a late or duplicate event can fill a
     * gap but never undo anything.
     */
    Applied apply(VideoReport report, Instant now) {
        boolean added = fillGaps(report);
        if (!videoState.canMoveTo(report.state())) {
            if (added) {
                updatedAt = now;
            }
            return added ? Applied.DETAILS_ADDED : Applied.UNCHANGED;
        }
        videoState = report.state();
        if (report.durationSeconds() != null) {
            durationSeconds = report.durationSeconds();
        }
        if (report.aspectRatio() != null) {
            aspectRatio = report.aspectRatio();
        }
        videoError = report.error();
        updatedAt = now;
        return Applied.STATE_CHANGED;
    }

    private boolean fillGaps(VideoReport report) {
        boolean added = false;
        if (uploadId == null && report.uploadId() != null) {
            uploadId = report.uploadId();
            added = true;
        }
        if (assetId == null && report.assetId() != null) {
            assetId = report.assetId();
            added = true;
        }
        if ((playbackIds == null || playbackIds.isEmpty()) && report.playbackIds() != null
                && !report.playbackIds().isEmpty()) {
            playbackIds = List.copyOf(report.playbackIds());
            added = true;
        }
        return added;
    }

    boolean isReady() {
        return videoState == VideoState.READY;
    }

    public String getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getCategory() {
        return category;
    }

    public String getSubcategory() {
        return subcategory;
    }

    public boolean isFreePreview() {
        return freePreview;
    }

    public VideoState getVideoState() {
        return videoState;
    }

    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public String getUploadId() {
        return uploadId;
    }

    public String getAssetId() {
        return assetId;
    }

    public List<PlaybackId> getPlaybackIds() {
        return playbackIds == null ? List.of() : playbackIds;
    }

    public String getAspectRatio() {
        return aspectRatio;
    }

    public String getVideoError() {
        return videoError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
