package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.testkit.TestVideos;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class RestartTest {

    @TempDir
    Path data;

    @Test
    void restartOnTheSameDirectoryThenUploadsAssetsAndSigningKeysAreStillThere() throws Exception {
        MuxEmulatorSettings settings = MuxEmulatorSettings.builder().dataDirectory(data)
                .processingDelay(Duration.ofMillis(50)).build();
        MuxEmulator first = MuxEmulator.start(settings);
        MuxHttp http = new MuxHttp(first);
        SigningKey key = first.createSigningKey();
        JsonNode upload = http.createUpload(UUID.randomUUID().toString());
        http.put(upload.path("url").asString(), TestVideos.FIVE_SECONDS.bytes(), null);
        String assetId = first.assetIdOfUpload(upload.path("id").asString()).orElseThrow();
        await(first, assetId, "ready");
        JsonNode waiting = http.createUpload(UUID.randomUUID().toString());
        int port = first.port();
        first.close();

        try (MuxEmulator second = MuxEmulator.start(settings.toBuilder().port(port).build())) {
            MuxHttp again = new MuxHttp(second);
            JsonNode asset = again.api("GET", "/video/v1/assets/" + assetId, null).data();
            assertThat(asset.path("status").asString()).isEqualTo("ready");
            assertThat(asset.path("duration").asDouble()).isCloseTo(5.0, within(0.05));
            assertThat(asset.path("aspect_ratio").asString()).isEqualTo("16:9");

            String playbackId = asset.path("playback_ids").get(0).path("id").asString();
            PrivateKey privateKey = Tokens.load(key.privateKey());
            String token = Tokens.sign(privateKey, key.id(), playbackId, "v", Instant.now().plusSeconds(600));
            assertThat(again.get(second.streamBaseUrl() + "/" + playbackId + ".m3u8?token=" + token).status())
                    .isEqualTo(200);

            assertThat(again.put(waiting.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null).status())
                    .isEqualTo(200);
            String second0 = second.assetIdOfUpload(waiting.path("id").asString()).orElseThrow();
            await(second, second0, "ready");
        }
    }

    @Test
    void assetStillPreparingWhenStoppedThenProcessedAfterTheRestart() throws Exception {
        MuxEmulator first = MuxEmulator.start(MuxEmulatorSettings.builder().dataDirectory(data)
                .processingDelay(Duration.ofHours(1)).build());
        MuxHttp http = new MuxHttp(first);
        JsonNode upload = http.createUpload(UUID.randomUUID().toString());
        http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);
        String assetId = first.assetIdOfUpload(upload.path("id").asString()).orElseThrow();
        assertThat(first.assetStatus(assetId)).hasValue("preparing");
        first.close();

        try (MuxEmulator second = MuxEmulator.start(MuxEmulatorSettings.builder().dataDirectory(data)
                .processingDelay(Duration.ofMillis(50)).build())) {
            await(second, assetId, "ready");
        }
    }

    private static void await(MuxEmulator mux, String assetId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!mux.assetStatus(assetId).orElse("").equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("asset " + assetId + " is " + mux.assetStatus(assetId) + ", not " + status);
            }
            Thread.sleep(20);
        }
    }
}
