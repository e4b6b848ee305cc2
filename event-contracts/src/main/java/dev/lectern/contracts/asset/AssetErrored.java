package dev.lectern.contracts.asset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Mux could not prepare the asset. */
public record AssetErrored(UUID eventId, Instant occurredAt, UUID lectureId, String muxEventId,
                           String assetId, String errorType, List<String> errorMessages) implements AssetEvent {
    public static final String TYPE = "asset.errored";
}
