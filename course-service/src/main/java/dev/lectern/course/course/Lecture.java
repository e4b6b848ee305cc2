package dev.lectern.course.course;

import java.time.Instant;

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

    /**
     * Applies a video state reported by the media pipeline, if {@link VideoState#canMoveTo} allows it; a
     * duration, when given, is kept. Returns whether the lecture changed.
     */
    boolean moveVideoTo(VideoState next, Double duration, Instant now) {
        if (!videoState.canMoveTo(next)) {
            return false;
        }
        videoState = next;
        if (duration != null) {
            durationSeconds = duration;
        }
        updatedAt = now;
        return true;
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

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
