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

    @Test
    void restartThenTextTracksWithTheirFilesAndStaticRenditionsAreStillThereAndPreparingTracksAreFinished()
            throws Exception {
        byte[] vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MuxEmulatorSettings settings = MuxEmulatorSettings.builder().dataDirectory(data)
                .processingDelay(Duration.ofMillis(50)).build();
        try (FileServer files = new FileServer()) {
            String url = files.serve("/de.vtt", vtt);
            MuxEmulator first = MuxEmulator.start(settings);
            MuxHttp http = new MuxHttp(first);
            SigningKey key = first.createSigningKey();
            JsonNode upload = http.api("POST", "/video/v1/uploads", """
                    {"cors_origin":"*","new_asset_settings":{"playback_policies":["signed"],"mp4_support":"capped-1080p",
                     "inputs":[{"generated_subtitles":[{"language_code":"en"}]}]}}""").data();
            http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);
            String assetId = first.assetIdOfUpload(upload.path("id").asString()).orElseThrow();
            awaitAsset(http, assetId, a -> a.path("static_renditions").path("status").asString().equals("ready")
                    && textTrackStatuses(a).equals(java.util.List.of("ready")));
            String uploaded = http.api("POST", "/video/v1/assets/" + assetId + "/tracks", """
                    {"url":"%s","type":"text","text_type":"subtitles","language_code":"de"}""".formatted(url))
                    .data().path("id").asString();
            awaitAsset(http, assetId, a -> textTrackStatuses(a).equals(java.util.List.of("ready", "ready")));
            int port = first.port();
            first.close();

            // stopped with a track still preparing: it is fetched after the next start
            MuxEmulator second = MuxEmulator.start(settings.toBuilder().port(port).processingDelay(Duration.ofHours(1))
                    .build());
            String pending = new MuxHttp(second).api("POST", "/video/v1/assets/" + assetId + "/tracks", """
                    {"url":"%s","type":"text","text_type":"subtitles","language_code":"fr"}""".formatted(url))
                    .data().path("id").asString();
            second.close();

            try (MuxEmulator third = MuxEmulator.start(settings.toBuilder().port(port).build())) {
                MuxHttp again = new MuxHttp(third);
                awaitAsset(again, assetId, a -> textTrackStatuses(a).equals(java.util.List.of("ready", "ready", "ready")));
                JsonNode asset = again.api("GET", "/video/v1/assets/" + assetId, null).data();
                assertThat(asset.path("static_renditions").path("files").get(0).path("name").asString())
                        .isEqualTo("capped-1080p.mp4");
                String pid = asset.path("playback_ids").get(0).path("id").asString();
                String token = Tokens.sign(Tokens.load(key.privateKey()), key.id(), pid, "v",
                        Instant.now().plusSeconds(600));
                for (String trackId : java.util.List.of(uploaded, pending)) {
                    assertThat(again.get(third.streamBaseUrl() + "/" + pid + "/text/" + trackId + ".vtt?token=" + token)
                            .body()).isEqualTo(new String(vtt, java.nio.charset.StandardCharsets.UTF_8));
                }
                assertThat(again.get(third.streamBaseUrl() + "/" + pid + ".m3u8?token=" + token).body())
                        .contains("LANGUAGE=\"en\"").contains("LANGUAGE=\"de\"").contains("LANGUAGE=\"fr\"");
                assertThat(again.get(third.streamBaseUrl() + "/" + pid + "/capped-1080p.mp4?token=" + token).status())
                        .isEqualTo(200);
            }
        }
    }

    private static java.util.List<String> textTrackStatuses(JsonNode asset) {
        java.util.List<String> statuses = new java.util.ArrayList<>();
        asset.path("tracks").forEach(t -> {
            if (t.path("type").asString().equals("text")) {
                statuses.add(t.path("status").asString());
            }
        });
        return statuses;
    }

    private static void awaitAsset(MuxHttp http, String assetId, java.util.function.Predicate<JsonNode> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode asset = http.api("GET", "/video/v1/assets/" + assetId, null).data();
        while (!condition.test(asset)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("asset " + assetId + " never got there: " + asset);
            }
            Thread.sleep(20);
            asset = http.api("GET", "/video/v1/assets/" + assetId, null).data();
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
