package dev.lectern.contracts.asset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The asset is playable; duration in seconds. */
public record AssetReady(UUID eventId, Instant occurredAt, UUID lectureId, String muxEventId, String assetId,
                         String uploadId, List<PlaybackId> playbackIds, Double durationSeconds,
                         String aspectRatio, String maxResolution) implements AssetEvent {
    public static final String TYPE = "asset.ready";
}
