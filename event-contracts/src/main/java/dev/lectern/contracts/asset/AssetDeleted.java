package dev.lectern.contracts.asset;

import java.time.Instant;
import java.util.UUID;

/** The asset was deleted at Mux. */
public record AssetDeleted(UUID eventId, Instant occurredAt, UUID lectureId, String muxEventId,
                           String assetId) implements AssetEvent {
    public static final String TYPE = "asset.deleted";
}
