package dev.lectern.contracts.course;

import java.util.List;
import java.util.UUID;

/**
 * The state of a course that other services keep in their read models. {@code drm}: its lectures are
 * uploaded with a DRM playback policy (when the platform has a DRM configuration).
 */
public record CourseDetails(UUID instructorId, String title, String category, String subcategory, boolean premium,
                            List<String> tags, boolean published, boolean drm) {
}
