package dev.lectern.contracts.asset;

import java.time.Instant;
import java.util.UUID;

/** The file arrived and Mux created its asset: the lecture is processing. */
public record UploadAssetCreated(UUID eventId, Instant occurredAt, UUID lectureId, String muxEventId,
                                 String uploadId, String assetId) implements AssetEvent {
    public static final String TYPE = "upload.asset_created";
}
