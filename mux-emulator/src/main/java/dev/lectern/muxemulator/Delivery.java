package dev.lectern.muxemulator;

import java.time.Instant;

/**
 * One attempt to deliver a webhook.
 *
 * @param type         event type, e.g. {@code video.asset.ready}
 * @param eventId      Mux event id (the same on retries and duplicates)
 * @param objectId     upload or asset id the event is about
 * @param uploadId     the upload the event belongs to (asset events: the asset's upload), may be null
 * @param passthrough  the passthrough (Lectern: the lecture id), may be null
 * @param copy         0 for the event itself, 1.. for the extra copies of {@link Webhooks#duplicateEach}
 * @param attempt      1 for the first attempt of this copy, 2.. for retries
 * @param status       HTTP status of the answer, null when none came
 * @param error        why no answer came (timeout, connection refused), or {@code gave-up}, null otherwise
 * @param at           when the attempt ended
 */
public record Delivery(String type, String eventId, String objectId, String uploadId, String passthrough, int copy,
                       int attempt, Integer status, String error, Instant at) {

    /** The receiver answered 2xx. */
    public boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }
}
