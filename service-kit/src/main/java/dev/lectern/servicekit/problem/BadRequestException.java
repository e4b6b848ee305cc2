package dev.lectern.servicekit.problem;

import org.springframework.http.HttpStatus;

/** A 400 problem of type {@code https://lectern.dev/problems/bad-request}. */
public class BadRequestException extends ProblemException {

    public BadRequestException(String detail) {
        super(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail);
    }

    protected BadRequestException(String slug, String title, String detail) {
        super(HttpStatus.BAD_REQUEST, slug, title, detail);
    }
}
