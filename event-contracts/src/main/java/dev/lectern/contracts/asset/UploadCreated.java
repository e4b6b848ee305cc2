package dev.lectern.contracts.asset;

import java.time.Instant;
import java.util.UUID;

/** Mux made a direct upload URL for the lecture: the lecture is uploading. */
public record UploadCreated(UUID eventId, Instant occurredAt, UUID lectureId, String muxEventId,
                            String uploadId) implements AssetEvent {
    public static final String TYPE = "upload.created";
}
