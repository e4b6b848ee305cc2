package dev.lectern.servicekit.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A failure the client should see as a problem document. Throw one of the subclasses from domain code; the
 * message given is the {@code detail} the client reads, so keep it free of internals.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        super(status, Problems.create(status, slug, title, detail), null);
    }

    public ProblemException(HttpStatus status, String slug, String title, String detail, Throwable cause) {
        super(status, Problems.create(status, slug, title, detail), cause);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
