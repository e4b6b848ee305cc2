package dev.lectern.contracts.course;

import java.time.Instant;
import java.util.UUID;

/** A lecture was deleted; {@code assetId} is its Mux asset, if it had one, so media-service can delete it. */
public record LectureRemoved(UUID eventId, Instant occurredAt, UUID courseId, long courseVersion, UUID lectureId,
                             String assetId) implements CourseEvent {
    public static final String TYPE = "lecture.removed";
}
