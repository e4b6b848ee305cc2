package dev.lectern.course.course;

/** The fields a client sets on a lecture; {@code null} means "leave as is" on an update. */
public record LectureFields(String title, String description, String category, String subcategory,
                            Boolean freePreview) {
}
