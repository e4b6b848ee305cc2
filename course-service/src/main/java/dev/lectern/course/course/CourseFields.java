package dev.lectern.course.course;

import java.util.List;

/** The fields a client sets on a course; {@code null} means "leave as is" on an update. */
public record CourseFields(String title, String description, String category, String subcategory, Boolean premium,
                           List<String> tags, Boolean drm) {
}
