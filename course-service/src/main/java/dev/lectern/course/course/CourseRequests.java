package dev.lectern.course.course;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the course and lecture endpoints. On updates an absent field is left as it is. */
final class CourseRequests {

    /** Not blank: at least one non-space character. */
    private static final String TEXT = ".*\\S.*";

    private CourseRequests() {
    }

    record CreateCourse(@NotBlank @Size(max = 200) String title,
                        @Size(max = 5000) String description,
                        @NotBlank @Size(max = 100) String category,
                        @Size(max = 100) String subcategory,
                        Boolean premium,
                        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
                        Boolean drm) {

        CourseFields fields() {
            return new CourseFields(title.strip(), description, category.strip(), subcategory, premium, tags, drm);
        }
    }

    record UpdateCourse(@Size(max = 200) @Pattern(regexp = TEXT, message = "must not be blank") String title,
                        @Size(max = 5000) String description,
                        @Size(max = 100) @Pattern(regexp = TEXT, message = "must not be blank") String category,
                        @Size(max = 100) String subcategory,
                        Boolean premium,
                        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
                        Boolean drm) {

        CourseFields fields() {
            return new CourseFields(title == null ? null : title.strip(), description,
                    category == null ? null : category.strip(), subcategory, premium, tags, drm);
        }
    }

    record CreateLecture(@NotBlank @Size(max = 200) String title,
                         @Size(max = 5000) String description,
                         @Size(max = 100) String category,
                         @Size(max = 100) String subcategory,
                         Boolean freePreview) {

        LectureFields fields() {
            return new LectureFields(title.strip(), description, category, subcategory, freePreview);
        }
    }

    record UpdateLecture(@Size(max = 200) @Pattern(regexp = TEXT, message = "must not be blank") String title,
                         @Size(max = 5000) String description,
                         @Size(max = 100) String category,
                         @Size(max = 100) String subcategory,
                         Boolean freePreview,
                         @Min(1) Integer position) {

        LectureFields fields() {
            return new LectureFields(title == null ? null : title.strip(), description, category, subcategory,
                    freePreview);
        }
    }

    record MoveLecture(@NotNull @Min(1) Integer position) {
    }
}
