package dev.lectern.contracts.course;

import java.time.Instant;
import java.util.UUID;

public record LectureReady(UUID eventId, Instant occurredAt, UUID courseId, long courseVersion, UUID lectureId,
                        LectureDetails lecture) implements CourseEvent {
    public static final String TYPE = "lecture.ready";
}
