package dev.lectern.webhook.mux;

import dev.lectern.contracts.asset.AssetCreated;
import dev.lectern.contracts.asset.AssetDeleted;
import dev.lectern.contracts.asset.AssetErrored;
import dev.lectern.contracts.asset.AssetEvent;
import dev.lectern.contracts.asset.AssetReady;
import dev.lectern.contracts.asset.PlaybackId;
import dev.lectern.contracts.asset.UploadAssetCreated;
import dev.lectern.contracts.asset.UploadCancelled;
import dev.lectern.contracts.asset.UploadCreated;
import dev.lectern.contracts.asset.UploadErrored;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Turns a verified Mux webhook envelope into the asset lifecycle event it stands for, if any. */
final class MuxEventMapper {

    static final Set<String> RELEVANT_TYPES = Set.of(
            "video.upload.created", "video.upload.asset_created", "video.upload.cancelled", "video.upload.errored",
            "video.asset.created", "video.asset.ready", "video.asset.errored", "video.asset.deleted");

    /** What to do with one envelope. */
    sealed interface Mapping {
    }

    record Publish(AssetEvent event) implements Mapping {
    }

    record Ignore(String reason) implements Mapping {
    }

    static final String IRRELEVANT_TYPE = "irrelevant-type";
    static final String NO_PASSTHROUGH = "no-passthrough";

    private final Clock clock;

    MuxEventMapper(Clock clock) {
        this.clock = clock;
    }

    /** @param envelope a parsed body with a textual {@code id} and {@code type} */
    Mapping map(JsonNode envelope) {
        String muxId = envelope.path("id").asString();
        String type = envelope.path("type").asString();
        if (!RELEVANT_TYPES.contains(type)) {
            return new Ignore(IRRELEVANT_TYPE);
        }
        JsonNode data = envelope.path("data");
        boolean upload = type.startsWith("video.upload.");
        Optional<UUID> lecture = uuid(upload ? data.path("new_asset_settings").path("passthrough") : data.path("passthrough"));
        if (lecture.isEmpty()) {
            return new Ignore(NO_PASSTHROUGH);
        }
        UUID lectureId = lecture.get();
        UUID eventId = AssetEvent.eventIdOf(muxId);
        Instant at = occurredAt(envelope);
        String id = text(data.path("id"));
        AssetEvent event = switch (type) {
            case "video.upload.created" -> new UploadCreated(eventId, at, lectureId, muxId, id);
            case "video.upload.asset_created" ->
                    new UploadAssetCreated(eventId, at, lectureId, muxId, id, text(data.path("asset_id")));
            case "video.upload.cancelled" -> new UploadCancelled(eventId, at, lectureId, muxId, id);
            case "video.upload.errored" -> new UploadErrored(eventId, at, lectureId, muxId, id,
                    text(data.path("error").path("type")), text(data.path("error").path("message")));
            case "video.asset.created" -> new AssetCreated(eventId, at, lectureId, muxId, id,
                    text(data.path("upload_id")), playbackIds(data.path("playback_ids")));
            case "video.asset.ready" -> new AssetReady(eventId, at, lectureId, muxId, id,
                    text(data.path("upload_id")), playbackIds(data.path("playback_ids")),
                    data.path("duration").isNumber() ? data.path("duration").asDouble() : null,
                    text(data.path("aspect_ratio")), maxResolution(data));
            case "video.asset.errored" -> new AssetErrored(eventId, at, lectureId, muxId, id,
                    text(data.path("errors").path("type")), messages(data.path("errors").path("messages")));
            case "video.asset.deleted" -> new AssetDeleted(eventId, at, lectureId, muxId, id);
            default -> throw new IllegalStateException("relevant type without mapping: " + type);
        };
        return new Publish(event);
    }

    /** The resolution tier ("1080p"); the deprecated coarse {@code max_stored_resolution} ("HD") only without one. */
    private static String maxResolution(JsonNode data) {
        String tier = text(data.path("resolution_tier"));
        return tier != null ? tier : text(data.path("max_stored_resolution"));
    }

    /** Mux's {@code created_at}; the receipt time if Mux ever omits it, so the event is not lost. */
    private Instant occurredAt(JsonNode envelope) {
        String createdAt = text(envelope.path("created_at"));
        if (createdAt != null) {
            try {
                return Instant.parse(createdAt);
            } catch (DateTimeParseException ignored) {
                // fall through to the receipt time
            }
        }
        return clock.instant();
    }

    private static List<PlaybackId> playbackIds(JsonNode array) {
        List<PlaybackId> ids = new ArrayList<>();
        for (JsonNode node : array) {
            String id = text(node.path("id"));
            if (id != null) {
                ids.add(new PlaybackId(id, text(node.path("policy"))));
            }
        }
        return ids;
    }

    private static List<String> messages(JsonNode array) {
        List<String> messages = new ArrayList<>();
        for (JsonNode node : array) {
            if (node.isString()) {
                messages.add(node.asString());
            }
        }
        return messages;
    }

    private static Optional<UUID> uuid(JsonNode node) {
        String value = text(node);
        if (value == null) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(value);
            return uuid.toString().equalsIgnoreCase(value) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
