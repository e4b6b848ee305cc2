package dev.lectern.contracts.asset;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What Mux reports about a lecture's upload and asset, published by webhook-service on
 * {@link Topics#ASSET_LIFECYCLE}, keyed by lecture id (Mux's {@code passthrough}) so one lecture's events
 * stay in order. Mux delivers at least once and in no promised order: consumers apply them monotonically.
 * {@code eventId} is derived from Mux's event id ({@link #eventIdOf}), so a redelivered webhook carries
 * the same id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event_type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = UploadCreated.class, name = UploadCreated.TYPE),
        @JsonSubTypes.Type(value = UploadAssetCreated.class, name = UploadAssetCreated.TYPE),
        @JsonSubTypes.Type(value = UploadCancelled.class, name = UploadCancelled.TYPE),
        @JsonSubTypes.Type(value = UploadErrored.class, name = UploadErrored.TYPE),
        @JsonSubTypes.Type(value = AssetCreated.class, name = AssetCreated.TYPE),
        @JsonSubTypes.Type(value = AssetReady.class, name = AssetReady.TYPE),
        @JsonSubTypes.Type(value = AssetErrored.class, name = AssetErrored.TYPE),
        @JsonSubTypes.Type(value = AssetDeleted.class, name = AssetDeleted.TYPE)
})
public sealed interface AssetEvent extends DomainEvent
        permits UploadCreated, UploadAssetCreated, UploadCancelled, UploadErrored, AssetCreated, AssetReady,
        AssetErrored, AssetDeleted {

    UUID lectureId();

    /** Mux's own event id, the idempotency key of the webhook. */
    String muxEventId();

    @Override
    default String key() {
        return lectureId().toString();
    }

    @Override
    default String topic() {
        return Topics.ASSET_LIFECYCLE;
    }

    /** The event id every delivery of one Mux event gets. */
    static UUID eventIdOf(String muxEventId) {
        return UUID.nameUUIDFromBytes(("mux:" + muxEventId).getBytes(StandardCharsets.UTF_8));
    }
}
