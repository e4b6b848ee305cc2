package dev.lectern.course.course;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a lecture's video is: {@code awaiting_upload → uploading → processing → ready}, or {@code failed} /
 * {@code cancelled}. Media events may arrive twice or out of order, so a transition is judged by rank:
 * the video never moves back, and nothing leaves {@code ready}. A failed or cancelled upload can be retried.
 */
public enum VideoState {
    AWAITING_UPLOAD(0), UPLOADING(1), PROCESSING(2), READY(3), FAILED(-1), CANCELLED(-1);

    private final int rank;

    VideoState(int rank) {
        this.rank = rank;
    }

    /** Whether an event saying the video is now in {@code next} should be applied. Same state: no-op. */
    public boolean canMoveTo(VideoState next) {
        if (this == next || this == READY) {
            return false;
        }
        if (next == FAILED || next == CANCELLED) {
            return rank >= 0;
        }
        if (rank < 0) {
            return true;
        }
        return next.rank > rank;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
