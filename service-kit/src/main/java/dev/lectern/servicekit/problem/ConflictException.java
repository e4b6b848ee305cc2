package dev.lectern.servicekit.problem;

import org.springframework.http.HttpStatus;

/** A 409 problem of type {@code https://lectern.dev/problems/conflict}. */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
    }

    protected ConflictException(String slug, String title, String detail) {
        super(HttpStatus.CONFLICT, slug, title, detail);
    }
}
