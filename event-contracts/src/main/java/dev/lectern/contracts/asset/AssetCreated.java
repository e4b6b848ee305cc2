package dev.lectern.contracts.asset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The asset exists and is being prepared. */
public record AssetCreated(UUID eventId, Instant occurredAt, UUID lectureId, String muxEventId,
                           String assetId, String uploadId, List<PlaybackId> playbackIds) implements AssetEvent {
    public static final String TYPE = "asset.created";
}
