package dev.lectern.contracts.course;

import java.time.Instant;
import java.util.UUID;

public record CourseCreated(UUID eventId, Instant occurredAt, UUID courseId, long courseVersion, CourseDetails course)
        implements CourseEvent {
    public static final String TYPE = "course.created";
}
