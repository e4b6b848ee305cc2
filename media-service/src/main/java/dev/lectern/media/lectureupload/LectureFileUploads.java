package dev.lectern.media.lectureupload;

import dev.lectern.media.lectureupload.CourseService.CourseInfo;
import dev.lectern.media.lectureupload.CourseService.LectureFields;
import dev.lectern.media.lectureupload.UploadFailures.RequestBodyBroken;
import dev.lectern.media.upload.StartedUpload;
import dev.lectern.media.upload.Uploads;
import dev.lectern.servicekit.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * One lecture file through the API: sniff that it is a video, create the lecture in course-service, start the
 * Mux direct upload and stream the file to it. A failure after the lecture exists takes it back (upload
 * cancelled, lecture deleted), so no lecture is left without its file.
 */
class LectureFileUploads {

    private static final Logger log = LoggerFactory.getLogger(LectureFileUploads.class);

    /** A file that reached Mux. */
    record Uploaded(UUID lectureId, String uploadId, String title, String fileName, long bytes) {
    }

    private final CourseService courses;
    private final Uploads uploads;
    private final MuxFileSender sender;
    private final LectureUploadProperties properties;

    LectureFileUploads(CourseService courses, Uploads uploads, MuxFileSender sender,
                       LectureUploadProperties properties) {
        this.courses = courses;
        this.uploads = uploads;
        this.sender = sender;
        this.properties = properties;
    }

    /**
     * Uploads {@code file} as a new lecture of {@code course}.
     *
     * @throws org.springframework.web.ErrorResponseException the problem of this file (415 not a video, 413 too
     *                                                        large, course-service's 400/403/404, 502/503)
     */
    Uploaded upload(CourseInfo course, LectureFields fields, String fileName, InputStream file, String authorization) {
        byte[] head;
        try {
            head = file.readNBytes(VideoSniffer.HEAD_BYTES);
        } catch (IOException e) {
            throw new RequestBodyBroken(e);
        }
        if (VideoSniffer.container(head, head.length).isEmpty()) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", (head.length == 0 ? "The file is empty" : "The file is not a video")
                    + "; send MP4, MOV, WebM, MKV, AVI, MPEG-TS, MPEG-PS, FLV or WMV.");
        }
        UUID lectureId = courses.createLecture(course.id(), fields, authorization);
        StartedUpload started;
        try {
            started = uploads.start(lectureId, course.id(), course.drm());
        } catch (RuntimeException e) {
            courses.deleteLecture(course.id(), lectureId, authorization);
            throw e;
        }
        try {
            long bytes = sender.send(started.uploadUrl(), head, file, properties.maxFileSize().toBytes());
            log.info("Streamed {} bytes of lecture {} to Mux upload {}", bytes, lectureId, started.uploadId());
            return new Uploaded(lectureId, started.uploadId(), fields.title(), fileName, bytes);
        } catch (RuntimeException e) {
            takeBack(course.id(), lectureId, started.uploadId(), authorization);
            throw e;
        }
    }

    /** Cancels the upload and deletes the lecture; each step on its own, so one failing does not stop the other. */
    void takeBack(UUID courseId, UUID lectureId, String uploadId, String authorization) {
        try {
            uploads.cancel(lectureId, uploadId);
        } catch (RuntimeException e) {
            log.warn("Could not cancel Mux upload {} of lecture {}: {}", uploadId, lectureId, e.getMessage());
        }
        courses.deleteLecture(courseId, lectureId, authorization);
    }
}
