package dev.lectern.contracts.progress;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A heartbeat changed a student's progress on a lecture. {@code newlyWatched} are the stretches covered for
 * the first time by this change (disjoint, possibly empty when only the position moved); {@code coverage}
 * (0..1) and {@code watchedSeconds} are the totals after it.
 */
public record LectureProgressed(UUID eventId, Instant occurredAt, UUID studentId, UUID courseId, UUID lectureId,
                                long progressVersion, double durationSeconds, double positionSeconds,
                                List<WatchedRange> newlyWatched, double watchedSeconds, double coverage)
        implements ProgressEvent {
    public static final String TYPE = "lecture.progressed";
}
