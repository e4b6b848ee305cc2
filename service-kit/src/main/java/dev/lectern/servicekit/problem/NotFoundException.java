package dev.lectern.servicekit.problem;

import org.springframework.http.HttpStatus;

/** A 404 problem of type {@code https://lectern.dev/problems/not-found}. */
public class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    protected NotFoundException(String slug, String title, String detail) {
        super(HttpStatus.NOT_FOUND, slug, title, detail);
    }
}
