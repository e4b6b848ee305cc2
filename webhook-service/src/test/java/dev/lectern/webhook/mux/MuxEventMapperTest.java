package dev.lectern.webhook.mux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.EventContracts;
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
import dev.lectern.webhook.mux.MuxEventMapper.Ignore;
import dev.lectern.webhook.mux.MuxEventMapper.Mapping;
import dev.lectern.webhook.mux.MuxEventMapper.Publish;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MuxEventMapperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final MuxEventMapper mapper = new MuxEventMapper(Clock.fixed(NOW, ZoneOffset.UTC));
    private final UUID lecture = UUID.randomUUID();

    private Mapping map(String body) {
        return mapper.map(JSON.readTree(body));
    }

    private AssetEvent published(String body) {
        Mapping mapping = map(body);
        assertThat(mapping).isInstanceOf(Publish.class);
        AssetEvent event = ((Publish) mapping).event();
        assertThat(EventContracts.violations(EventCodec.encode(event))).isEmpty();
        return event;
    }

    private String envelope(String type, String id, String data) {
        return """
                {"type":"%s","id":"%s","created_at":"2024-06-10T22:22:41.488000Z","attempts":[],"data":%s}"""
                .formatted(type, id, data);
    }

    @Test
    void assetReadyCarriesIdsPlaybackDurationAspectAndResolutionTier() {
        AssetEvent event = published(MuxWebhooks.assetReady("ba071cd9-725f-9d31-fe24-2d3965c9387e", lecture));

        assertThat(event).isEqualTo(new AssetReady(AssetEvent.eventIdOf("ba071cd9-725f-9d31-fe24-2d3965c9387e"),
                Instant.parse("2024-06-10T22:22:41.488Z"), lecture, "ba071cd9-725f-9d31-fe24-2d3965c9387e",
                "d67h5rEZl02A5302VZ2Sx01frHf1tuJoDvbuuPNb8Gjza8", "UgDk8NMzRVkm56PG6qJ12YepMMbRNl7G4qY8u00X3Ths",
                List.of(new PlaybackId("9P57BUhqIjJNi4RKPR02XVZmAYSSjuj6tVOK6DDe7MgM", "signed")),
                153.361542, "16:9", "1080p"));
    }

    @Test
    void assetReadyWithoutResolutionTierFallsBackToMaxStoredResolution() {
        AssetReady event = (AssetReady) published(envelope("video.asset.ready", "e1",
                "{\"id\":\"A1\",\"passthrough\":\"" + lecture + "\",\"max_stored_resolution\":\"HD\",\"duration\":2}"));

        assertThat(event.maxResolution()).isEqualTo("HD");
        assertThat(event.durationSeconds()).isEqualTo(2.0);
    }

    @Test
    void uploadEventsTakeTheLectureFromNewAssetSettings() {
        AssetEvent event = published(MuxWebhooks.uploadAssetCreated("0ef554a6-b138-1484-2713-809fee24a001", lecture.toString()));

        assertThat(event).isEqualTo(new UploadAssetCreated(AssetEvent.eventIdOf("0ef554a6-b138-1484-2713-809fee24a001"),
                Instant.parse("2024-06-10T22:24:01.561Z"), lecture, "0ef554a6-b138-1484-2713-809fee24a001",
                "602229EJsGGo8epvgmH8qMsAjDLammVK4CgHnP8Pnvpo", "nIBvNd01huS4qQFB7tL76L2xALOc01nzH4TQsUmV8n7ys"));
    }

    @Test
    void everyRelevantTypeMapsToItsRecordAndConformsToTheContract() {
        String upload = "{\"id\":\"U1\",\"status\":\"waiting\",\"new_asset_settings\":{\"passthrough\":\"" + lecture + "\"}";
        String asset = "{\"id\":\"A1\",\"upload_id\":\"U1\",\"passthrough\":\"" + lecture + "\"";

        assertThat(published(envelope("video.upload.created", "e1", upload + "}")))
                .isEqualTo(new UploadCreated(AssetEvent.eventIdOf("e1"), Instant.parse("2024-06-10T22:22:41.488Z"),
                        lecture, "e1", "U1"));
        assertThat(published(envelope("video.upload.cancelled", "e2", upload + "}")))
                .isInstanceOf(UploadCancelled.class);
        UploadErrored uploadErrored = (UploadErrored) published(envelope("video.upload.errored", "e3",
                upload + ",\"error\":{\"type\":\"invalid_input\",\"message\":\"not a video\"}}"));
        assertThat(uploadErrored.errorType()).isEqualTo("invalid_input");
        assertThat(uploadErrored.errorMessage()).isEqualTo("not a video");
        AssetCreated created = (AssetCreated) published(envelope("video.asset.created", "e4",
                asset + ",\"playback_ids\":[{\"id\":\"P1\",\"policy\":\"public\"}]}"));
        assertThat(created.playbackIds()).containsExactly(new PlaybackId("P1", "public"));
        assertThat(created.uploadId()).isEqualTo("U1");
        AssetErrored errored = (AssetErrored) published(envelope("video.asset.errored", "e5",
                asset + ",\"errors\":{\"type\":\"invalid_input\",\"messages\":[\"bad codec\",\"bad audio\"]}}"));
        assertThat(errored.errorType()).isEqualTo("invalid_input");
        assertThat(errored.errorMessages()).containsExactly("bad codec", "bad audio");
        assertThat(published(envelope("video.asset.deleted", "e6", asset + "}")))
                .isEqualTo(new AssetDeleted(AssetEvent.eventIdOf("e6"), Instant.parse("2024-06-10T22:22:41.488Z"),
                        lecture, "e6", "A1"));
    }

    @Test
    void otherEventTypesAreIgnored() {
        assertThat(map(envelope("video.asset.updated", "e1", "{\"passthrough\":\"" + lecture + "\"}")))
                .isEqualTo(new Ignore(MuxEventMapper.IRRELEVANT_TYPE));
        assertThat(map(envelope("video.live_stream.active", "e2", "{}")))
                .isEqualTo(new Ignore(MuxEventMapper.IRRELEVANT_TYPE));
    }

    @Test
    void aMissingOrNonUuidPassthroughIsIgnored() {
        assertThat(map(MuxWebhooks.uploadAssetCreated("e1", "video:7f3c9a1e")))
                .isEqualTo(new Ignore(MuxEventMapper.NO_PASSTHROUGH));
        assertThat(map(envelope("video.asset.ready", "e2", "{\"id\":\"A1\"}")))
                .isEqualTo(new Ignore(MuxEventMapper.NO_PASSTHROUGH));
        assertThat(map(envelope("video.asset.ready", "e3", "{\"id\":\"A1\",\"passthrough\":42}")))
                .isEqualTo(new Ignore(MuxEventMapper.NO_PASSTHROUGH));
        // an upload event's lecture is not at data.passthrough
        assertThat(map(envelope("video.upload.created", "e4", "{\"id\":\"U1\",\"passthrough\":\"" + lecture + "\"}")))
                .isEqualTo(new Ignore(MuxEventMapper.NO_PASSTHROUGH));
    }

    @Test
    void withoutCreatedAtTheEventOccursWhenReceived() {
        AssetEvent event = published("{\"type\":\"video.asset.deleted\",\"id\":\"e1\",\"data\":{\"id\":\"A1\",\"passthrough\":\""
                + lecture + "\"}}");

        assertThat(event.occurredAt()).isEqualTo(NOW);
    }
}
