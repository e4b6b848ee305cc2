package dev.lectern.contracts.progress;

import java.time.Instant;
import java.util.UUID;

/** A student's coverage of a lecture reached the completion threshold; published once per student and lecture. */
public record LectureCompleted(UUID eventId, Instant occurredAt, UUID studentId, UUID courseId, UUID lectureId,
                               long progressVersion, double coverage) implements ProgressEvent {
    public static final String TYPE = "lecture.completed";
}
