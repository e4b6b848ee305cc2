package dev.lectern.course.course;

import java.time.Instant;
import java.util.List;

/** A course as the API shows it. {@code lecture_count} and {@code total_duration_seconds} count ready lectures. */
record CourseView(String id, String instructorId, String title, String description, String category,
                  String subcategory, boolean premium, boolean drm, List<String> tags, CourseStatus status, int lectureCount,
                  double totalDurationSeconds, Instant createdAt, Instant updatedAt, Instant publishedAt) {

    static CourseView of(Course c) {
        return new CourseView(c.getId(), c.getInstructorId(), c.getTitle(), c.getDescription(), c.getCategory(),
                c.getSubcategory(), c.isPremium(), c.isDrm(), c.getTags(), c.getStatus(), c.getReadyLectureCount(),
                c.getTotalDurationSeconds(), c.getCreatedAt(), c.getUpdatedAt(), c.getPublishedAt());
    }
}
