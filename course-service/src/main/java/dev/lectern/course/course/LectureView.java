package dev.lectern.course.course;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A lecture as the API shows it. Its owner, admins and enrolled students see everything; anyone else sees
 * the outline of a published course ({@link #outline}), where the description and video state are absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LectureView(String id, String courseId, String title, String description, String category,
                   String subcategory, boolean freePreview, int position, VideoState videoState,
                   Double durationSeconds, Instant createdAt, Instant updatedAt) {

    static LectureView of(Course course, Lecture l) {
        return new LectureView(l.getId(), course.getId(), l.getTitle(), l.getDescription(), l.getCategory(),
                l.getSubcategory(), l.isFreePreview(), course.positionOf(l), l.getVideoState(), l.getDurationSeconds(),
                l.getCreatedAt(), l.getUpdatedAt());
    }

    static LectureView outline(Course course, Lecture l) {
        return new LectureView(l.getId(), course.getId(), l.getTitle(), null, null, null, l.isFreePreview(),
                course.positionOf(l), null, l.getDurationSeconds(), null, null);
    }
}
