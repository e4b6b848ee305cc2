package dev.lectern.contracts.asset;

import java.time.Instant;
import java.util.UUID;

/** The upload was cancelled before a file arrived. */
public record UploadCancelled(UUID eventId, Instant occurredAt, UUID lectureId, String muxEventId,
                              String uploadId) implements AssetEvent {
    public static final String TYPE = "upload.cancelled";
}
