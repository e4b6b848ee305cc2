package dev.lectern.contracts.asset;

import java.time.Instant;
import java.util.UUID;

/** The upload failed and no asset was made. */
public record UploadErrored(UUID eventId, Instant occurredAt, UUID lectureId, String muxEventId,
                            String uploadId, String errorType, String errorMessage) implements AssetEvent {
    public static final String TYPE = "upload.errored";
}
