package dev.lectern.servicekit.problem;

import org.springframework.http.HttpStatus;

/** A 401 problem of type {@code https://lectern.dev/problems/unauthorized}. */
public class UnauthorizedException extends ProblemException {

    public UnauthorizedException(String detail) {
        super(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }

    protected UnauthorizedException(String slug, String title, String detail) {
        super(HttpStatus.UNAUTHORIZED, slug, title, detail);
    }
}
