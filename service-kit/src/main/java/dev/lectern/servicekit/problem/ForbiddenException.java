package dev.lectern.servicekit.problem;

import org.springframework.http.HttpStatus;

/** A 403 problem of type {@code https://lectern.dev/problems/forbidden}. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    protected ForbiddenException(String slug, String title, String detail) {
        super(HttpStatus.FORBIDDEN, slug, title, detail);
    }
}
