package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.muxemulator.MuxHttp.Answer;
import dev.lectern.muxemulator.WebhookReceiver.Received;
import dev.lectern.testkit.TestVideos;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class StaticRenditionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private WebhookReceiver receiver;
    private MuxEmulator mux;
    private MuxHttp http;
    private SigningKey key;
    private PrivateKey privateKey;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        mux = MuxEmulator.start(MuxEmulatorSettings.builder().webhookUrl(receiver.url())
                .processingDelay(Duration.ofMillis(50)).build());
        http = new MuxHttp(mux);
        key = mux.createSigningKey();
        privateKey = Tokens.load(key.privateKey());
    }

    @AfterEach
    void stop() {
        mux.close();
        receiver.close();
    }

    @Test
    void capped1080pThenPreparingUntilTheAssetIsReadyThenReadyWebhookAndTheMp4WithRanges() throws Exception {
        String lecture = UUID.randomUUID().toString();
        String assetId = upload(lecture, "capped-1080p", TestVideos.FIVE_SECONDS.bytes());

        mux.webhooks().awaitDelivered("video.asset.static_renditions.ready", lecture, WAIT);
        List<String> types = receiver.received().stream().map(Received::type).toList();
        assertThat(types).containsSubsequence("video.asset.created", "video.asset.ready",
                "video.asset.static_renditions.ready");
        JsonNode created = receiver.received("video.asset.created").getFirst().json().path("data");
        assertThat(created.path("mp4_support").asString()).isEqualTo("capped-1080p");
        assertThat(created.path("static_renditions").path("status").asString()).isEqualTo("preparing");
        assertThat(receiver.received("video.asset.ready").getFirst().json().path("data").path("static_renditions")
                .path("status").asString()).isEqualTo("preparing");

        JsonNode ready = receiver.received("video.asset.static_renditions.ready").getFirst().json();
        assertThat(ready.path("object").path("type").asString()).isEqualTo("asset");
        JsonNode file = ready.path("data").path("static_renditions").path("files").get(0);
        assertThat(ready.path("data").path("static_renditions").path("status").asString()).isEqualTo("ready");
        assertThat(file.path("name").asString()).isEqualTo("capped-1080p.mp4");
        assertThat(file.path("ext").asString()).isEqualTo("mp4");
        assertThat(file.path("width").asInt()).isEqualTo(320);
        assertThat(file.path("height").asInt()).isEqualTo(180);
        int size = TestVideos.FIVE_SECONDS.bytes().length;
        assertThat(file.path("filesize").isNumber()).isTrue();
        assertThat(file.path("filesize").asLong()).isEqualTo(size);
        assertThat(file.path("bitrate").asLong()).isCloseTo(size * 8L / 5, within(size * 8L / 500));

        JsonNode rest = asset(assetId).path("static_renditions").path("files").get(0);
        assertThat(rest.path("filesize").asString()).isEqualTo(Integer.toString(size));

        String pid = playbackId(assetId);
        URI mp4 = URI.create(mux.streamBaseUrl() + "/" + pid + "/capped-1080p.mp4?token=" + token(pid));
        HttpResponse<byte[]> whole = http.bytes(mp4, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.body()).isEqualTo(TestVideos.FIVE_SECONDS.bytes());
        HttpResponse<byte[]> part = http.bytes(mp4, "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + size);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(TestVideos.FIVE_SECONDS.bytes(), 1000, 2000));
        assertThat(http.bytes(mp4, "bytes=" + size + "-").statusCode()).isEqualTo(416);

        assertThat(http.bytes(URI.create(mux.streamBaseUrl() + "/" + pid + "/capped-1080p.mp4"), null).statusCode())
                .isEqualTo(403);
        assertThat(http.bytes(URI.create(mux.streamBaseUrl() + "/" + pid + "/high.mp4?token=" + token(pid)), null)
                .statusCode()).isEqualTo(404);
        HttpResponse<byte[]> download = http.bytes(URI.create(mp4 + "&download=lecture-1"), null);
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"lecture-1.mp4\"");
    }

    @Test
    void renditionIsNotServedBeforeItIsReady() throws Exception {
        mux.close();
        mux = MuxEmulator.start(MuxEmulatorSettings.builder().processingDelay(Duration.ofMillis(400)).build());
        http = new MuxHttp(mux);
        key = mux.createSigningKey();
        privateKey = Tokens.load(key.privateKey());
        String assetId = upload(UUID.randomUUID().toString(), "capped-1080p", TestVideos.THREE_SECONDS.bytes());
        awaitStatus(assetId, "ready");
        assertThat(asset(assetId).path("static_renditions").path("status").asString()).isEqualTo("preparing");
        String pid = playbackId(assetId);
        URI mp4 = URI.create(mux.streamBaseUrl() + "/" + pid + "/capped-1080p.mp4?token=" + token(pid));
        assertThat(http.bytes(mp4, null).statusCode()).isEqualTo(404);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!asset(assetId).path("static_renditions").path("status").asString().equals("ready")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(http.bytes(mp4, null).statusCode()).isEqualTo(200);
    }

    @Test
    void audioOnlyAndCappedThenAnM4aWithTheAudioTrackAloneAndTheMp4() throws Exception {
        String lecture = UUID.randomUUID().toString();
        String assetId = upload(lecture, "audio-only,capped-1080p", TestVideos.THREE_SECONDS.bytes());
        mux.webhooks().awaitDelivered("video.asset.static_renditions.ready", lecture, WAIT);

        JsonNode files = asset(assetId).path("static_renditions").path("files");
        assertThat(files).extracting(f -> f.path("name").asString()).containsExactly("audio.m4a", "capped-1080p.mp4");
        JsonNode m4a = files.get(0);
        assertThat(m4a.path("ext").asString()).isEqualTo("m4a");
        assertThat(m4a.has("width")).isFalse();

        String pid = playbackId(assetId);
        HttpResponse<byte[]> audio = http.bytes(URI.create(mux.streamBaseUrl() + "/" + pid + "/audio.m4a?token=" + token(pid)),
                null);
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/mp4");
        assertThat((long) audio.body().length).isEqualTo(Long.parseLong(m4a.path("filesize").asString()));
        Store.Media media = Mp4Probe.probe(Files.write(dir.resolve("audio.m4a"), audio.body()));
        assertThat(media.hasVideo()).isFalse();
        assertThat(media.hasAudio()).isTrue();
        assertThat(media.codecs()).isEqualTo("mp4a.40.2");
        assertThat(media.duration()).isCloseTo(3.0, within(0.05));
    }

    @Test
    void standardThenHighMp4AndAudioOnlyForAVideoWithoutAudioThenErrored() throws Exception {
        String standard = UUID.randomUUID().toString();
        String assetId = upload(standard, "standard", TestVideos.THREE_SECONDS.bytes());
        mux.webhooks().awaitDelivered("video.asset.static_renditions.ready", standard, WAIT);
        assertThat(asset(assetId).path("static_renditions").path("files")).extracting(f -> f.path("name").asString())
                .containsExactly("high.mp4");

        String silent = UUID.randomUUID().toString();
        String silentAsset = upload(silent, "audio-only", Fixtures.only(TestVideos.THREE_SECONDS, "vide", dir));
        mux.webhooks().awaitDelivered("video.asset.static_renditions.errored", silent, WAIT);
        assertThat(asset(silentAsset).path("static_renditions").path("status").asString()).isEqualTo("errored");
        assertThat(asset(silentAsset).path("status").asString()).isEqualTo("ready");
    }

    @Test
    void noMp4SupportThenNoStaticRenditionsAndAnUnknownValueIs400() {
        String assetId = upload(UUID.randomUUID().toString(), null, TestVideos.THREE_SECONDS.bytes());
        awaitStatusUnchecked(assetId);
        JsonNode asset = asset(assetId);
        assertThat(asset.path("mp4_support").asString()).isEqualTo("none");
        assertThat(asset.has("static_renditions")).isFalse();

        Answer bad = http.api("POST", "/video/v1/uploads", """
                {"cors_origin":"*","new_asset_settings":{"playback_policies":["signed"],"mp4_support":"4k"}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("type").asString()).isEqualTo("invalid_parameters");
        Answer both = http.api("POST", "/video/v1/uploads", """
                {"cors_origin":"*","new_asset_settings":{"mp4_support":"capped-1080p",
                 "static_renditions":[{"resolution":"highest"}]}}""");
        assertThat(both.status()).isEqualTo(400);
    }

    @Test
    void drmPlaybackIdCannotFetchAStaticRendition() throws Exception {
        String lecture = UUID.randomUUID().toString();
        JsonNode upload = http.api("POST", "/video/v1/uploads", """
                {"cors_origin":"*","new_asset_settings":{"passthrough":"%s","video_quality":"plus",
                 "mp4_support":"capped-1080p","advanced_playback_policies":[{"policy":"drm","drm_configuration_id":"c1"},
                 {"policy":"signed"}]}}""".formatted(lecture)).data();
        http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);
        mux.webhooks().awaitDelivered("video.asset.static_renditions.ready", lecture, WAIT);
        JsonNode ids = asset(mux.assetIdOfUpload(upload.path("id").asString()).orElseThrow()).path("playback_ids");
        String drm = ids.get(0).path("id").asString();
        String signedId = ids.get(1).path("id").asString();
        assertThat(http.bytes(URI.create(mux.streamBaseUrl() + "/" + drm + "/capped-1080p.mp4?token=" + token(drm)), null)
                .statusCode()).isEqualTo(403);
        assertThat(http.bytes(URI.create(mux.streamBaseUrl() + "/" + signedId + "/capped-1080p.mp4?token=" + token(signedId)),
                null).statusCode()).isEqualTo(200);
    }

    private String upload(String passthrough, String mp4Support, byte[] video) {
        String support = mp4Support == null ? "" : ",\"mp4_support\":\"" + mp4Support + "\"";
        Answer created = http.api("POST", "/video/v1/uploads", """
                {"cors_origin":"*","new_asset_settings":{"playback_policies":["signed"],"passthrough":"%s"%s}}"""
                .formatted(passthrough, support));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode upload = created.data();
        assertThat(http.put(upload.path("url").asString(), video, null).status()).isEqualTo(200);
        return mux.assetIdOfUpload(upload.path("id").asString()).orElseThrow();
    }

    private JsonNode asset(String assetId) {
        return http.api("GET", "/video/v1/assets/" + assetId, null).data();
    }

    private String playbackId(String assetId) {
        return asset(assetId).path("playback_ids").get(0).path("id").asString();
    }

    private String token(String playbackId) throws Exception {
        return Tokens.sign(privateKey, key.id(), playbackId, "v", Instant.now().plusSeconds(600));
    }


    private void awaitStatus(String assetId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!mux.assetStatus(assetId).orElse("").equals(status)) {
            assertThat(System.nanoTime()).as("asset " + assetId + " " + status).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitStatusUnchecked(String assetId) {
        try {
            awaitStatus(assetId, "ready");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
