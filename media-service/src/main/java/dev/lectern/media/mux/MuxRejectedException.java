package dev.lectern.media.mux;

import org.springframework.http.HttpStatus;

/** Mux refused a request that we built (400/401/403/422 …): our fault, seen by clients as 502 {@code mux-rejected}. */
public final class MuxRejectedException extends MuxException {

    MuxRejectedException(MuxError error) {
        super(HttpStatus.BAD_GATEWAY, "mux-rejected", "Video provider rejected the request",
                "The video provider rejected the request.", error, null);
    }
}
