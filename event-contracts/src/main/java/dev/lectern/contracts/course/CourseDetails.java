package dev.lectern.contracts.course;

import java.util.List;
import java.util.UUID;

/** The state of a course that other services keep in their read models. */
public record CourseDetails(UUID instructorId, String title, String category, String subcategory, boolean premium,
                            List<String> tags, boolean published) {
}
