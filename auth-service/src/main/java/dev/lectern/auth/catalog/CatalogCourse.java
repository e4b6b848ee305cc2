package dev.lectern.auth.catalog;

import java.util.UUID;

/** What auth-service knows about a course from course-service's events. */
public record CatalogCourse(UUID courseId, UUID instructorId, boolean premium, boolean published, boolean deleted,
                            long courseVersion) {

    /** Open for enrollment: published and not deleted. */
    public boolean enrollable() {
        return published && !deleted;
    }
}
