package dev.lectern.media.lectureupload;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** The multipart bodies of the upload endpoints, for the API documentation only (the bodies are streamed). */
final class UploadForms {

    private UploadForms() {
    }

    @Schema(description = "Parts in this order: the lecture fields, then lecture_file.")
    record Single(
            @Schema(name = "title", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String title,
            @Schema(name = "description", maxLength = 5000) String description,
            @Schema(name = "category", maxLength = 100) String category,
            @Schema(name = "subcategory", maxLength = 100) String subcategory,
            @Schema(name = "free_preview", type = "boolean") String freePreview,
            @Schema(name = "lecture_file", type = "string", format = "binary",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "The video (MP4, MOV, WebM, MKV, AVI, MPEG-TS/PS, FLV, WMV); sent last")
            String lectureFile) {
    }

    @Schema(description = "Parts in this order: lectures_data, then the files in the order of its entries.")
    record Batch(
            @Schema(name = "lectures_data", requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "JSON array, one object per file: {title (required), description, category, "
                            + "subcategory, free_preview, course_id (optional, must be the path's)}",
                    example = "[{\"title\":\"Lecture 1\",\"category\":\"Programming\"},{\"title\":\"Lecture 2\"}]")
            String lecturesData,
            @ArraySchema(arraySchema = @Schema(name = "lectures_files", requiredMode = Schema.RequiredMode.REQUIRED),
                    schema = @Schema(type = "string", format = "binary"))
            java.util.List<String> lecturesFiles) {
    }
}
