package dev.lectern.media.lectureupload;

import dev.lectern.servicekit.problem.ProblemException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.springframework.http.HttpStatus;

/** The ways one file can fail after the lecture was created, each its own problem. */
final class UploadFailures {

    private UploadFailures() {
    }

    /** The file is bigger than {@code lectern.lecture-upload.max-file-size}: 413. */
    static final class FileTooLarge extends ProblemException {
        FileTooLarge(long maxBytes) {
            super(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large",
                    "The file is larger than the limit of " + maxBytes + " bytes.");
        }
    }

    /**
     * The client's request body broke off, was malformed or exceeded the request's size limit: this file fails,
     * and nothing after it in the same request can be read.
     */
    static final class RequestBodyBroken extends ProblemException {
        RequestBodyBroken(java.io.IOException cause) {
            super(cause instanceof FileUploadSizeException ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST,
                    cause instanceof FileUploadSizeException ? "payload-too-large" : "malformed-request",
                    cause instanceof FileUploadSizeException ? "Payload too large" : "Malformed request",
                    cause instanceof FileUploadSizeException
                            ? "The request is larger than this endpoint accepts."
                            : "The multipart request body is malformed or ended early.", cause);
        }
    }

    /** Mux's upload URL kept failing or could not be reached: 503, try again later. */
    static ProblemException targetUnavailable(Throwable cause) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "mux-unavailable", "Video provider unavailable",
                "The video provider did not take the file; try again later.", cause);
    }

    /** Mux's upload URL refused the file (4xx, e.g. the upload expired): 502. */
    static ProblemException targetRejected(int status) {
        return new ProblemException(HttpStatus.BAD_GATEWAY, "mux-rejected", "Video provider rejected the file",
                "The video provider refused the file (HTTP " + status + ").");
    }
}
