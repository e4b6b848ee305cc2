package dev.lectern.media.mux;

import org.springframework.http.HttpStatus;

/** Mux does not know the id (404). Callers decide what that means; unhandled it is a 404 {@code not-found}. */
public final class MuxNotFoundException extends MuxException {

    MuxNotFoundException(MuxError error) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", "The video resource was not found.", error, null);
    }
}
