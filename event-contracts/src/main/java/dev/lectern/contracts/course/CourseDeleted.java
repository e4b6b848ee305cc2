package dev.lectern.contracts.course;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The course and all its lectures are gone; {@code lectureIds} lets consumers clean up per lecture. */
public record CourseDeleted(UUID eventId, Instant occurredAt, UUID courseId, long courseVersion, UUID instructorId,
                            List<UUID> lectureIds) implements CourseEvent {
    public static final String TYPE = "course.deleted";
}
