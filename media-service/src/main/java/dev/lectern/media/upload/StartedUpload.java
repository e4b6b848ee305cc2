package dev.lectern.media.upload;

import java.net.URI;
import java.time.Instant;

/** A Mux direct upload waiting for its file: PUT the bytes to {@code uploadUrl} before {@code expiresAt}. */
public record StartedUpload(String uploadId, URI uploadUrl, Instant expiresAt) {
}
