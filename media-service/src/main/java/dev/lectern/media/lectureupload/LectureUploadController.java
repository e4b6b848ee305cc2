package dev.lectern.media.lectureupload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lectern.media.lectureupload.CourseService.CourseInfo;
import dev.lectern.media.lectureupload.CourseService.LectureFields;
import dev.lectern.media.lectureupload.LectureFileUploads.Uploaded;
import dev.lectern.media.lectureupload.UploadFailures.RequestBodyBroken;
import dev.lectern.servicekit.problem.FieldViolation;
import dev.lectern.servicekit.problem.ProblemException;
import dev.lectern.servicekit.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadContentTypeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lecture files uploaded through the API: each file becomes a new lecture of the course (course-service decides
 * whether the caller may add one) and is streamed to Mux as it arrives, one chunk in memory, nothing on disk.
 *
 * <p>Multipart order matters because nothing is buffered: the lecture fields (single) or {@code lectures_data}
 * (batch) must come before the file parts.
 */
@RestController
@RequestMapping("/api/v1/courses/{courseId}/lectures")
class LectureUploadController {

    private static final Logger log = LoggerFactory.getLogger(LectureUploadController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String FILE = "lecture_file";
    static final String BATCH_FILES = "lectures_files";
    static final String BATCH_DATA = "lectures_data";
    private static final Set<String> LECTURE_FIELDS = Set.of("title", "description", "category", "subcategory",
            "free_preview");
    /** Room for the non-file parts (fields, {@code lectures_data}, multipart headers) in a request's size limit. */
    private static final long FIELDS_ALLOWANCE = 1024 * 1024;
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_BATCH_DATA_BYTES = 1024 * 1024;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UploadedLecture(UUID lectureId, UUID courseId, String uploadId, String title, String fileName, long bytes,
                           String videoState) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileError(String type, String title, int status, String detail, Object errors) {

        static FileError of(ProblemDetail problem) {
            Object errors = problem.getProperties() == null ? null : problem.getProperties().get(Problems.ERRORS);
            return new FileError(problem.getType().toString(), problem.getTitle(), problem.getStatus(),
                    problem.getDetail(), errors);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileResult(int index, String fileName, String status, UUID lectureId, String uploadId, String title,
                      Long bytes, FileError error) {

        static FileResult uploaded(int index, Uploaded file) {
            return new FileResult(index, file.fileName(), "uploaded", file.lectureId(), file.uploadId(), file.title(),
                    file.bytes(), null);
        }

        static FileResult failed(int index, String fileName, ProblemDetail problem) {
            return new FileResult(index, fileName, "failed", null, null, null, null, FileError.of(problem));
        }
    }

    record BatchResult(List<FileResult> results, long uploaded, long failed) {
    }

    private final LectureFileUploads uploads;
    private final CourseService courses;
    private final LectureUploadProperties properties;

    LectureUploadController(LectureFileUploads uploads, CourseService lectureUploadCourseService,
                            LectureUploadProperties properties) {
        this.uploads = uploads;
        this.courses = lectureUploadCourseService;
        this.properties = properties;
    }

    /**
     * {@code lecture_file} with {@code title} (required), {@code description}, {@code category},
     * {@code subcategory}, {@code free_preview} sent before it → 201 and the new lecture's upload.
     */
    @Operation(summary = "Upload a video as a new lecture (multipart, streamed to Mux)",
            description = "Creates the lecture in course-service (owner or admin), then streams the file to Mux. "
                    + "The lecture fields must come before lecture_file. 415 when the file is not a video, 413 "
                    + "when it is over the size limit (nothing is left behind).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = UploadForms.Single.class))))
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<UploadedLecture> upload(@PathVariable("courseId") String courseIdText, HttpServletRequest request) {
        UUID courseId = courseId(courseIdText);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        FileItemInputIterator items = items(request, properties.maxFileSize().toBytes() + FIELDS_ALLOWANCE);
        Map<String, String> fields = new HashMap<>();
        Uploaded uploaded = null;
        boolean fieldsAfterFile = false;
        try {
            while (items.hasNext()) {
                FileItemInput item = items.next();
                String name = item.getFieldName();
                if (item.isFormField()) {
                    if (LECTURE_FIELDS.contains(name)) {
                        fieldsAfterFile |= uploaded != null;
                        fields.put(name, text(item, MAX_FIELD_BYTES));
                    }
                } else if (FILE.equals(name)) {
                    if (uploaded != null) {
                        throw invalid(List.of(new FieldViolation(FILE, "must be sent once")));
                    }
                    LectureFields lecture = lectureFields(fields, "", true);
                    CourseInfo course = courses.course(courseId, authorization);
                    uploaded = uploads.upload(course, lecture, item.getName(), open(item), authorization);
                }
            }
        } catch (IOException e) {
            throw new RequestBodyBroken(e);
        } catch (RuntimeException e) {
            if (uploaded != null) {
                uploads.takeBack(courseId, uploaded.lectureId(), uploaded.uploadId(), authorization);
            }
            throw e;
        } finally {
            drain(items);
        }
        if (uploaded == null) {
            List<FieldViolation> errors = new ArrayList<>(missingFields(fields, ""));
            errors.add(new FieldViolation(FILE, "is required"));
            throw invalid(errors);
        }
        if (fieldsAfterFile) {
            uploads.takeBack(courseId, uploaded.lectureId(), uploaded.uploadId(), authorization);
            throw new ProblemException(HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
                    "Send the lecture fields (title, description, category, subcategory, free_preview) before "
                            + FILE + "; fields after the file are not accepted and the upload was undone.");
        }
        return ResponseEntity.created(URI.create("/api/v1/courses/" + courseId + "/lectures/" + uploaded.lectureId()))
                .body(new UploadedLecture(uploaded.lectureId(), courseId, uploaded.uploadId(), uploaded.title(),
                        uploaded.fileName(), uploaded.bytes(), "uploading"));
    }

    /**
     * {@code lectures_data} (a JSON array of lecture fields, one per file, checked before anything is done),
     * then {@code lectures_files} in the same order → 202 with a result per entry. Files are handled one after
     * another; one failing does not stop the others.
     */
    @Operation(summary = "Upload several videos as new lectures (multipart, streamed to Mux one after another)",
            description = "lectures_data (JSON array, checked before anything is done) first, then lectures_files "
                    + "in the same order. 202 with a result per entry; one failing file does not stop the others.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = UploadForms.Batch.class))))
    @PostMapping(path = "/batch-upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<BatchResult> batchUpload(@PathVariable("courseId") String courseIdText, HttpServletRequest request) {
        UUID courseId = courseId(courseIdText);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        long maxRequest = properties.maxBatchFiles() * properties.maxFileSize().toBytes() + FIELDS_ALLOWANCE;
        FileItemInputIterator items = items(request, maxRequest);
        List<LectureFields> entries = null;
        CourseInfo course = null;
        List<FileResult> results = new ArrayList<>();
        ProblemDetail broken = null;
        try {
            while (items.hasNext()) {
                FileItemInput item = items.next();
                String name = item.getFieldName();
                if (item.isFormField()) {
                    if (BATCH_DATA.equals(name) && results.isEmpty()) {
                        if (entries != null) {
                            throw invalid(List.of(new FieldViolation(BATCH_DATA, "must be sent once")));
                        }
                        entries = batchEntries(text(item, MAX_BATCH_DATA_BYTES), courseId);
                        course = courses.course(courseId, authorization);
                    }
                    continue;
                }
                if (!BATCH_FILES.equals(name)) {
                    continue;
                }
                if (entries == null) {
                    throw invalid(List.of(new FieldViolation(BATCH_DATA,
                            "is required and must come before " + BATCH_FILES)));
                }
                int index = results.size();
                String fileName = item.getName();
                if (index >= entries.size()) {
                    results.add(FileResult.failed(index, fileName, Problems.create(HttpStatus.BAD_REQUEST,
                            "bad-request", "Bad request", "No " + BATCH_DATA + " entry for this file: "
                                    + entries.size() + " entries were sent.")));
                    continue;
                }
                try {
                    results.add(FileResult.uploaded(index, uploads.upload(course, entries.get(index), fileName,
                            open(item), authorization)));
                } catch (RequestBodyBroken e) {
                    results.add(FileResult.failed(index, fileName, e.getBody()));
                    broken = e.getBody();
                    break;
                } catch (ErrorResponseException e) {
                    results.add(FileResult.failed(index, fileName, e.getBody()));
                } catch (RuntimeException e) {
                    log.error("Lecture file {} of a batch upload to course {} failed unexpectedly", index, courseId, e);
                    results.add(FileResult.failed(index, fileName, Problems.create(HttpStatus.INTERNAL_SERVER_ERROR,
                            "internal", "Internal error", "An unexpected error occurred with this file.")));
                }
            }
        } catch (IOException e) {
            if (entries == null) {
                throw new RequestBodyBroken(e);
            }
            broken = new RequestBodyBroken(e).getBody();
        } finally {
            drain(items);
        }
        if (entries == null) {
            throw invalid(List.of(new FieldViolation(BATCH_DATA, "is required")));
        }
        if (results.isEmpty() && broken == null) {
            throw invalid(List.of(new FieldViolation(BATCH_FILES, "is required (one file per " + BATCH_DATA
                    + " entry)")));
        }
        for (int index = results.size(); index < entries.size(); index++) {
            results.add(FileResult.failed(index, null, broken != null
                    ? Problems.create(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "The request body broke off before this entry's file arrived.")
                    : Problems.create(HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
                    "No file in " + BATCH_FILES + " for this entry.")));
        }
        long uploaded = results.stream().filter(r -> r.status().equals("uploaded")).count();
        return ResponseEntity.accepted().body(new BatchResult(results, uploaded, results.size() - uploaded));
    }

    private List<LectureFields> batchEntries(String json, UUID courseId) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JacksonException e) {
            array = null;
        }
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw invalid(List.of(new FieldViolation(BATCH_DATA, "must be a JSON array of lectures, one per file")));
        }
        if (array.size() > properties.maxBatchFiles()) {
            throw invalid(List.of(new FieldViolation(BATCH_DATA,
                    "must list at most " + properties.maxBatchFiles() + " lectures (one per file)")));
        }
        List<FieldViolation> errors = new ArrayList<>();
        List<LectureFields> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            String prefix = BATCH_DATA + "[" + i + "].";
            if (!entry.isObject()) {
                errors.add(new FieldViolation(BATCH_DATA + "[" + i + "]", "must be an object"));
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (String name : LECTURE_FIELDS) {
                JsonNode value = entry.get(name);
                if (value != null && !value.isNull()) {
                    if (name.equals("free_preview") ? !value.isBoolean() : !value.isString()) {
                        errors.add(new FieldViolation(prefix + name,
                                name.equals("free_preview") ? "must be true or false" : "must be a string"));
                        continue;
                    }
                    fields.put(name, value.asString());
                }
            }
            JsonNode course = entry.get("course_id");
            if (course != null && !course.isNull() && !courseId.toString().equalsIgnoreCase(course.asString())) {
                errors.add(new FieldViolation(prefix + "course_id", "must be the course of the path or absent"));
            }
            List<FieldViolation> missing = missingFields(fields, prefix);
            errors.addAll(missing);
            if (missing.isEmpty()) {
                entries.add(lectureFields(fields, prefix, false));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return entries;
    }

    /** The fields as course-service takes them; a missing title is a 400 naming {@code prefix + "title"}. */
    private static LectureFields lectureFields(Map<String, String> fields, String prefix, boolean beforeFile) {
        List<FieldViolation> errors = missingFields(fields, prefix);
        if (!errors.isEmpty()) {
            throw invalid(beforeFile ? errors.stream().map(e -> new FieldViolation(e.field(),
                    e.message() + " and must be sent before " + FILE)).toList() : errors);
        }
        String preview = fields.get("free_preview");
        return new LectureFields(fields.get("title").strip(), fields.get("description"), fields.get("category"),
                fields.get("subcategory"), preview == null || preview.isBlank() ? null : Boolean.valueOf(preview));
    }

    private static List<FieldViolation> missingFields(Map<String, String> fields, String prefix) {
        List<FieldViolation> errors = new ArrayList<>();
        String title = fields.get("title");
        if (title == null || title.isBlank()) {
            errors.add(new FieldViolation(prefix + "title", "is required"));
        }
        String preview = fields.get("free_preview");
        if (preview != null && !preview.isBlank() && !preview.equals("true") && !preview.equals("false")) {
            errors.add(new FieldViolation(prefix + "free_preview", "must be true or false"));
        }
        return errors;
    }

    private static FileItemInputIterator items(HttpServletRequest request, long maxRequestBytes) {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setSizeMax(maxRequestBytes);
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        try {
            return upload.getItemIterator(request);
        } catch (FileUploadContentTypeException e) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "The request must be multipart/form-data.");
        } catch (IOException e) {
            throw new RequestBodyBroken(e);
        }
    }

    private static InputStream open(FileItemInput item) {
        try {
            return item.getInputStream();
        } catch (IOException e) {
            throw new RequestBodyBroken(e);
        }
    }

    private static String text(FileItemInput item, int maxBytes) throws IOException {
        try (InputStream in = item.getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw invalid(List.of(new FieldViolation(item.getFieldName(), "must be at most " + maxBytes + " bytes")));
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Reads what is left of the body, so the client gets the answer instead of a reset connection. */
    private static void drain(FileItemInputIterator items) {
        try {
            while (items.hasNext()) {
                items.next();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Stopped reading the rest of an upload request: {}", e.toString());
        }
    }

    private static UUID courseId(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw invalid(List.of(new FieldViolation("course_id", "must be a UUID")));
    }

    private static ErrorResponseException invalid(List<FieldViolation> errors) {
        String detail = errors.size() == 1 ? "The request has 1 invalid value."
                : "The request has " + errors.size() + " invalid values.";
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.validation(detail, errors), null);
    }
}
