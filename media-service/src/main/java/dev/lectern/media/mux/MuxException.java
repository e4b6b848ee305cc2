package dev.lectern.media.mux;

import dev.lectern.servicekit.problem.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failed Mux call. Carries what Mux said ({@code muxStatus}, 0 when no answer came; {@code error.type};
 * {@code error.messages}) for logs and callers, while the problem document the client sees stays generic.
 */
public abstract sealed class MuxException extends ProblemException
        permits MuxRejectedException, MuxNotFoundException, MuxUnavailableException {

    private final int muxStatus;
    private final String muxErrorType;
    private final List<String> muxMessages;

    MuxException(HttpStatus status, String slug, String title, String detail, MuxError error, Throwable cause) {
        super(status, slug, title, detail, cause);
        this.muxStatus = error.status();
        this.muxErrorType = error.type();
        this.muxMessages = error.messages();
    }

    /** HTTP status Mux answered with, 0 when there was no answer (timeout, connection failure). */
    public int muxStatus() {
        return muxStatus;
    }

    /** Mux's {@code error.type}, null when absent. */
    public String muxErrorType() {
        return muxErrorType;
    }

    /** Mux's {@code error.messages}, possibly empty. */
    public List<String> muxMessages() {
        return muxMessages;
    }

    /** What Mux answered, as parsed from {@code {"error": {"type", "messages"}}}. */
    record MuxError(int status, String type, List<String> messages) {

        MuxError {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }

        static MuxError none() {
            return new MuxError(0, null, List.of());
        }
    }
}
