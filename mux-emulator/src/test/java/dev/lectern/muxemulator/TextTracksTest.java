package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.muxemulator.MuxHttp.Answer;
import dev.lectern.muxemulator.WebhookReceiver.Received;
import dev.lectern.testkit.TestVideos;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

class TextTracksTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] GERMAN = ("\uFEFFWEBVTT\r\n\r\nNOTE hand-made\r\n\r\n1\r\n00:00:00.500 --> 00:00:02.000\r\n"
            + "Guten Tag\r\n\r\n00:00:02.000 --> 00:00:04.500 line:0\r\n<i>[Applaus]</i>\r\n")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private WebhookReceiver receiver;
    private FileServer files;
    private MuxEmulator mux;
    private MuxHttp http;
    private SigningKey key;
    private PrivateKey privateKey;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        files = new FileServer();
        mux = MuxEmulator.start(MuxEmulatorSettings.builder().webhookUrl(receiver.url())
                .processingDelay(Duration.ofMillis(50)).build());
        http = new MuxHttp(mux);
        key = mux.createSigningKey();
        privateKey = Tokens.load(key.privateKey());
    }

    @AfterEach
    void stop() {
        mux.close();
        files.close();
        receiver.close();
    }

    @Test
    void generatedSubtitlesThenTrackCreatedAfterTheAssetIsReadyThenReadyAndCaptionsInTheStream() throws Exception {
        String lecture = UUID.randomUUID().toString();
        String assetId = upload(lecture, """
                "inputs":[{"generated_subtitles":[{"language_code":"en","name":"English (generated)",
                 "passthrough":"lecture:en-auto"}]}]""", TestVideos.THREE_SECONDS.bytes());

        Delivery ready = mux.webhooks().awaitDelivered("video.asset.track.ready", lecture, WAIT);
        assertThat(receiver.received().stream().map(Received::type).toList()).containsExactly("video.upload.created",
                "video.upload.asset_created", "video.asset.created", "video.asset.ready", "video.asset.track.created",
                "video.asset.track.ready");
        JsonNode assetReady = receiver.received("video.asset.ready").getFirst().json().path("data");
        JsonNode preparing = textTracks(assetReady).getFirst();
        assertThat(preparing.path("status").asString()).isEqualTo("preparing");
        assertThat(preparing.path("text_source").asString()).isEqualTo("generated_vod");

        JsonNode created = receiver.received("video.asset.track.created").getFirst().json();
        String trackId = created.path("object").path("id").asString();
        assertThat(created.path("object").path("type").asString()).isEqualTo("track");
        assertThat(ready.objectId()).isEqualTo(trackId);
        JsonNode data = created.path("data");
        assertThat(data.path("id").asString()).isEqualTo(trackId);
        assertThat(data.path("asset_id").asString()).isEqualTo(assetId);
        assertThat(data.path("type").asString()).isEqualTo("text");
        assertThat(data.path("text_type").asString()).isEqualTo("subtitles");
        assertThat(data.path("text_source").asString()).isEqualTo("generated_vod");
        assertThat(data.path("language_code").asString()).isEqualTo("en");
        assertThat(data.path("name").asString()).isEqualTo("English (generated)");
        assertThat(data.path("passthrough").asString()).isEqualTo("lecture:en-auto");
        assertThat(data.path("status").asString()).isEqualTo("preparing");
        assertThat(data.toString()).as("Mux's track events carry the track's passthrough, not the asset's")
                .doesNotContain(lecture);
        assertThat(receiver.received("video.asset.track.ready").getFirst().json().path("data").path("status")
                .asString()).isEqualTo("ready");

        JsonNode asset = asset(assetId);
        assertThat(asset.path("tracks")).extracting(t -> t.path("type").asString())
                .containsExactly("video", "audio", "text");
        assertThat(textTracks(asset).getFirst().path("status").asString()).isEqualTo("ready");

        String pid = playbackId(assetId);
        String multivariant = http.get(stream(pid)).body();
        assertThat(multivariant).contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English (generated)\","
                + "LANGUAGE=\"en\",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI=\"" + pid + "/text/" + trackId + ".m3u8?token=");
        assertThat(streamInf(multivariant)).endsWith(",SUBTITLES=\"subs\"");

        byte[] vtt = subtitlesOf(pid, multivariant);
        String expected = WebVtt.generated(3.0, "English (generated)");
        assertThat(new String(vtt, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(WebVtt.validate(vtt)).isEqualTo(2);
        Answer transcript = http.get(mux.streamBaseUrl() + "/" + pid + "/text/" + trackId + ".txt?token=" + token(pid));
        assertThat(transcript.status()).isEqualTo(200);
        assertThat(transcript.body()).isEqualTo(WebVtt.transcript(expected))
                .startsWith("English (generated) caption 1 at 0:00\n");
    }

    @Test
    void reorderedDeliveryThenTrackReadyArrivesBeforeTrackCreated() {
        mux.webhooks().reorder(true);
        String lecture = UUID.randomUUID().toString();
        upload(lecture, "\"inputs\":[{\"generated_subtitles\":[{\"language_code\":\"en\"}]}]",
                TestVideos.THREE_SECONDS.bytes());
        mux.webhooks().awaitDelivered("video.asset.track.created", lecture, WAIT);
        assertThat(receiver.received().stream().map(Received::type).toList()).containsExactly("video.asset.ready",
                "video.asset.created", "video.upload.asset_created", "video.upload.created", "video.asset.track.ready",
                "video.asset.track.created");
    }

    @Test
    void uploadedWebVttIsFetchedThenReadyAndServedBackIdenticallyWithRanges() throws Exception {
        String lecture = UUID.randomUUID().toString();
        String assetId = readyAsset(lecture);
        String url = files.serve("/captions/de.vtt", GERMAN);

        Answer created = http.api("POST", "/video/v1/assets/" + assetId + "/tracks", """
                {"url":"%s","type":"text","text_type":"subtitles","language_code":"de","name":"Deutsch",
                 "closed_captions":true,"passthrough":"lecture:%s:de"}""".formatted(url, lecture));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode track = created.data();
        String trackId = track.path("id").asString();
        assertThat(track.path("status").asString()).isEqualTo("preparing");
        assertThat(track.path("text_source").asString()).isEqualTo("uploaded");
        assertThat(track.path("closed_captions").asBoolean()).isTrue();
        assertThat(track.path("passthrough").asString()).isEqualTo("lecture:" + lecture + ":de");
        assertThat(track.has("asset_id")).isFalse();

        mux.webhooks().awaitDelivered("video.asset.track.ready", trackId, WAIT);
        assertThat(trackEvents(trackId)).containsExactly("video.asset.track.created", "video.asset.track.ready");
        JsonNode readyData = receiver.received("video.asset.track.ready").getFirst().json().path("data");
        assertThat(readyData.path("asset_id").asString()).isEqualTo(assetId);
        assertThat(readyData.path("closed_captions").asBoolean()).isTrue();
        assertThat(files.requests()).containsExactly("/captions/de.vtt curl/7.43.0 (Mux)");

        String pid = playbackId(assetId);
        URI vtt = URI.create(mux.streamBaseUrl() + "/" + pid + "/text/" + trackId + ".vtt?token=" + token(pid));
        HttpResponse<byte[]> served = http.bytes(vtt, null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("text/vtt; charset=utf-8");
        assertThat(served.body()).isEqualTo(GERMAN);
        HttpResponse<byte[]> part = http.bytes(vtt, "bytes=10-29");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(GERMAN, 10, 30));
        assertThat(http.bytes(vtt, "bytes=" + GERMAN.length + "-").statusCode()).isEqualTo(416);
        assertThat(http.bytes(URI.create(mux.streamBaseUrl() + "/" + pid + "/text/" + trackId + ".vtt"), null).statusCode())
                .isEqualTo(403);
        assertThat(http.get(mux.streamBaseUrl() + "/" + pid + "/text/" + trackId + ".txt?token=" + token(pid))
                .status()).as("transcripts are for generated tracks only").isEqualTo(404);

        String multivariant = http.get(stream(pid)).body();
        assertThat(multivariant).contains("NAME=\"Deutsch\",LANGUAGE=\"de\"")
                .contains("CHARACTERISTICS=\"public.accessibility.transcribes-spoken-dialog,"
                        + "public.accessibility.describes-music-and-sound\"");
        assertThat(subtitlesOf(pid, multivariant)).isEqualTo(GERMAN);
    }

    @Test
    void fileThatIsNotWebVttThenErroredWithMuxsErrorAndWebhookAndNotPlayable() throws Exception {
        String assetId = readyAsset(UUID.randomUUID().toString());
        String url = files.serve("/captions/en.srt", "1\n00:00:00,500 --> 00:00:02,000\nHello\n"
                .getBytes(StandardCharsets.UTF_8));
        String trackId = createTrack(assetId, url, "en", "English").path("id").asString();

        Delivery errored = mux.webhooks().awaitDelivered("video.asset.track.errored", trackId, WAIT);
        assertThat(errored.objectId()).isEqualTo(trackId);
        assertThat(trackEvents(trackId)).containsExactly("video.asset.track.created", "video.asset.track.errored");
        JsonNode data = receiver.received("video.asset.track.errored").getFirst().json().path("data");
        assertThat(data.path("status").asString()).isEqualTo("errored");
        assertThat(data.path("error").path("type").asString()).isEqualTo("invalid_input");
        assertThat(data.path("error").path("messages").get(0).asString()).contains("WEBVTT");
        assertThat(textTracks(asset(assetId)).getFirst().path("status").asString()).isEqualTo("errored");

        String pid = playbackId(assetId);
        assertThat(http.get(stream(pid)).body()).doesNotContain("TYPE=SUBTITLES").doesNotContain("SUBTITLES=");
        assertThat(http.get(mux.streamBaseUrl() + "/" + pid + "/text/" + trackId + ".vtt?token=" + token(pid))
                .status()).isEqualTo(404);
    }

    @Test
    void unreachableUrlOrAScriptedFailureThenErroredAndTheNextFetchWorks() throws Exception {
        String assetId = readyAsset(UUID.randomUUID().toString());
        String missing = createTrack(assetId, files.url("/captions/missing.vtt"), "en", "Missing").path("id").asString();
        mux.webhooks().awaitDelivered("video.asset.track.errored", missing, WAIT);
        JsonNode error = receiver.received("video.asset.track.errored").getFirst().json().path("data").path("error");
        assertThat(error.path("type").asString()).isEqualTo("download_failed");
        assertThat(error.path("messages").get(0).asString()).contains("404");

        String url = files.serve("/captions/de.vtt", GERMAN);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(mux.baseUrl() + "/_emulator/downloads/fail?count=1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(204);
        String failed = createTrack(assetId, url, "de", "Deutsch").path("id").asString();
        mux.webhooks().awaitDelivered("video.asset.track.errored", failed, WAIT);
        assertThat(files.requests()).containsExactly("/captions/missing.vtt curl/7.43.0 (Mux)");

        String working = createTrack(assetId, url, "de", "Deutsch 2").path("id").asString();
        mux.webhooks().awaitDelivered("video.asset.track.ready", working, WAIT);
    }

    @Test
    void badCreateTrackRequestsThen400AndUnknownAssetThen404() throws Exception {
        String assetId = readyAsset(UUID.randomUUID().toString());
        String url = files.serve("/captions/de.vtt", GERMAN);
        createTrack(assetId, url, "de", "Deutsch");
        String path = "/video/v1/assets/" + assetId + "/tracks";
        for (String body : List.of(
                "{\"type\":\"text\",\"text_type\":\"subtitles\",\"language_code\":\"en\"}",
                "{\"url\":\"ftp://example.com/a.vtt\",\"type\":\"text\",\"text_type\":\"subtitles\",\"language_code\":\"en\"}",
                "{\"url\":\"not a url\",\"type\":\"text\",\"text_type\":\"subtitles\",\"language_code\":\"en\"}",
                "{\"url\":\"" + url + "\",\"type\":\"text\",\"text_type\":\"subtitles\"}",
                "{\"url\":\"" + url + "\",\"type\":\"text\",\"text_type\":\"subtitles\",\"language_code\":\"en_US!\"}",
                "{\"url\":\"" + url + "\",\"type\":\"audio\",\"language_code\":\"en\"}",
                "{\"url\":\"" + url + "\",\"type\":\"text\",\"text_type\":\"chapters\",\"language_code\":\"en\"}",
                "{\"url\":\"" + url + "\",\"type\":\"text\",\"text_type\":\"subtitles\",\"language_code\":\"de\","
                        + "\"name\":\"Deutsch\"}",
                "{\"url\":\"" + url + "\",\"type\":\"text\",\"text_type\":\"subtitles\",\"language_code\":\"en\","
                        + "\"closed_captions\":\"yes\"}",
                "[1,2]",
                "{not json")) {
            Answer answer = http.api("POST", path, body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("error").path("type").asString()).isEqualTo("invalid_parameters");
        }
        assertThat(http.api("POST", "/video/v1/assets/NoSuchAsset/tracks", "{\"url\":\"" + url
                + "\",\"type\":\"text\",\"text_type\":\"subtitles\",\"language_code\":\"en\"}").status()).isEqualTo(404);

        JsonNode upload = http.createUpload(UUID.randomUUID().toString());
        http.put(upload.path("url").asString(), "not a video".getBytes(StandardCharsets.UTF_8), null);
        String errored = mux.assetIdOfUpload(upload.path("id").asString()).orElseThrow();
        awaitStatus(errored, "errored");
        Answer notReady = http.api("POST", "/video/v1/assets/" + errored + "/tracks", "{\"url\":\"" + url
                + "\",\"type\":\"text\",\"text_type\":\"subtitles\",\"language_code\":\"en\"}");
        assertThat(notReady.status()).isEqualTo(400);
        assertThat(notReady.body()).contains("ready");
    }

    @Test
    void deletedTrackThen204DeletedWebhookAndGoneFromTheAssetAndTheStream() throws Exception {
        String assetId = readyAsset(UUID.randomUUID().toString());
        String trackId = createTrack(assetId, files.serve("/de.vtt", GERMAN), "de", "Deutsch").path("id").asString();
        mux.webhooks().awaitDelivered("video.asset.track.ready", trackId, WAIT);

        assertThat(http.api("DELETE", "/video/v1/assets/" + assetId + "/tracks/" + trackId, null).status())
                .isEqualTo(204);
        mux.webhooks().awaitDelivered("video.asset.track.deleted", trackId, WAIT);
        assertThat(trackEvents(trackId)).containsExactly("video.asset.track.created", "video.asset.track.ready",
                "video.asset.track.deleted");
        JsonNode deleted = receiver.received("video.asset.track.deleted").getFirst().json().path("data");
        assertThat(deleted.path("status").asString()).isEqualTo("deleted");
        assertThat(deleted.path("asset_id").asString()).isEqualTo(assetId);
        assertThat(textTracks(asset(assetId))).isEmpty();
        String pid = playbackId(assetId);
        assertThat(http.get(stream(pid)).body()).doesNotContain("SUBTITLES");
        assertThat(http.get(mux.streamBaseUrl() + "/" + pid + "/text/" + trackId + ".vtt?token=" + token(pid))
                .status()).isEqualTo(404);

        assertThat(http.api("DELETE", "/video/v1/assets/" + assetId + "/tracks/" + trackId, null).status())
                .isEqualTo(404);
        String videoTrack = asset(assetId).path("tracks").get(0).path("id").asString();
        assertThat(http.api("DELETE", "/video/v1/assets/" + assetId + "/tracks/" + videoTrack, null).status())
                .isEqualTo(400);
    }

    @Test
    void generatedSubtitlesForAVideoWithoutAudioThenCreatedThenSkipped() throws Exception {
        String lecture = UUID.randomUUID().toString();
        String assetId = upload(lecture, "\"inputs\":[{\"generated_subtitles\":[{\"language_code\":\"fr\"}]}]",
                Fixtures.only(TestVideos.THREE_SECONDS, "vide", dir));
        Delivery skipped = mux.webhooks().awaitDelivered("video.asset.track.skipped", lecture, WAIT);
        assertThat(trackEvents(skipped.objectId())).containsExactly("video.asset.track.created",
                "video.asset.track.skipped");
        JsonNode track = textTracks(asset(assetId)).getFirst();
        assertThat(track.path("status").asString()).isEqualTo("skipped");
        assertThat(track.path("name").asString()).isEqualTo("French");
        assertThat(http.get(stream(playbackId(assetId))).body()).doesNotContain("SUBTITLES");
    }

    @Test
    void generateSubtitlesOfTheAudioTrackOfAReadyAsset() throws Exception {
        String assetId = readyAsset(UUID.randomUUID().toString());
        String audioTrack = asset(assetId).path("tracks").get(1).path("id").asString();
        Answer generated = http.api("POST", "/video/v1/assets/" + assetId + "/tracks/" + audioTrack
                + "/generate-subtitles", "{\"generated_subtitles\":[{\"language_code\":\"es\",\"name\":\"Español\"}]}");
        assertThat(generated.status()).as(generated.body()).isEqualTo(201);
        JsonNode track = generated.data().get(0);
        assertThat(track.path("text_source").asString()).isEqualTo("generated_vod");
        assertThat(track.path("status").asString()).isEqualTo("preparing");
        mux.webhooks().awaitDelivered("video.asset.track.ready", track.path("id").asString(), WAIT);

        assertThat(http.api("POST", "/video/v1/assets/" + assetId + "/tracks/NotTheAudio/generate-subtitles",
                "{\"generated_subtitles\":[{\"language_code\":\"es\",\"name\":\"Other\"}]}").status()).isEqualTo(404);
        assertThat(http.api("POST", "/video/v1/assets/" + assetId + "/tracks/" + audioTrack + "/generate-subtitles",
                "{\"generated_subtitles\":[{\"language_code\":\"xx\"}]}").status()).isEqualTo(400);
    }

    @Test
    void subtitleFileAsAnExtraInputIsFetchedOnceTheAssetIsReady() throws Exception {
        String lecture = UUID.randomUUID().toString();
        String url = files.serve("/captions/us.vtt", GERMAN);
        String assetId = upload(lecture, """
                "inputs":[{},{"url":"%s","type":"text","text_type":"subtitles","language_code":"en-US"}]"""
                .formatted(url), TestVideos.THREE_SECONDS.bytes());
        Delivery ready = mux.webhooks().awaitDelivered("video.asset.track.ready", lecture, WAIT);
        JsonNode track = textTracks(asset(assetId)).getFirst();
        assertThat(track.path("id").asString()).isEqualTo(ready.objectId());
        assertThat(track.path("name").asString()).isEqualTo("English (United States)");
        assertThat(track.path("text_source").asString()).isEqualTo("uploaded");
    }

    @Test
    void badTrackSettingsOnAnUploadThen400() {
        for (String settings : List.of(
                "\"inputs\":[{\"generated_subtitles\":[{\"language_code\":\"tlh\"}]}]",
                "\"inputs\":[{\"generated_subtitles\":{\"language_code\":\"en\"}}]",
                "\"inputs\":[{\"generated_subtitles\":[{\"language_code\":\"en\"},{\"language_code\":\"en\"}]}]",
                "\"inputs\":[{},{\"generated_subtitles\":[{\"language_code\":\"en\"}]}]",
                "\"generated_subtitles\":[{\"language_code\":\"en\"}]",
                "\"inputs\":[{},{\"url\":\"https://example.com/logo.png\",\"overlay_settings\":{}}]",
                "\"inputs\":{}")) {
            Answer answer = http.api("POST", "/video/v1/uploads",
                    "{\"cors_origin\":\"*\",\"new_asset_settings\":{" + settings + "}}");
            assertThat(answer.status()).as(settings).isEqualTo(400);
        }
    }

    @Test
    void defaultSubtitlesLanguageMarksTheClosestTrackDefault() throws Exception {
        String lecture = UUID.randomUUID().toString();
        String assetId = upload(lecture, """
                "inputs":[{"generated_subtitles":[{"language_code":"de","name":"Deutsch"},
                 {"language_code":"en","name":"English"}]}]""", TestVideos.THREE_SECONDS.bytes());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (textTracks(asset(assetId)).stream().filter(t -> t.path("status").asString().equals("ready")).count() < 2) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        String pid = playbackId(assetId);
        String token = Tokens.sign(privateKey, key.id(), pid, "v", Instant.now().plusSeconds(600),
                ",\"default_subtitles_lang\":\"en-GB\"");
        String multivariant = http.get(mux.streamBaseUrl() + "/" + pid + ".m3u8?token=" + token).body();
        assertThat(multivariant).contains("NAME=\"English\",LANGUAGE=\"en\",DEFAULT=YES")
                .contains("NAME=\"Deutsch\",LANGUAGE=\"de\",DEFAULT=NO");
        assertThat(http.get(stream(pid)).body()).doesNotContain("DEFAULT=YES");
    }

    // helpers

    private String upload(String passthrough, String settings, byte[] video) {
        Answer created = http.api("POST", "/video/v1/uploads", """
                {"cors_origin":"*","new_asset_settings":{"playback_policies":["signed"],"passthrough":"%s",%s}}"""
                .formatted(passthrough, settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode upload = created.data();
        assertThat(http.put(upload.path("url").asString(), video, null).status()).isEqualTo(200);
        return mux.assetIdOfUpload(upload.path("id").asString()).orElseThrow();
    }

    private String readyAsset(String passthrough) throws InterruptedException {
        JsonNode upload = http.createUpload(passthrough);
        http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);
        String assetId = mux.assetIdOfUpload(upload.path("id").asString()).orElseThrow();
        awaitStatus(assetId, "ready");
        return assetId;
    }

    private JsonNode createTrack(String assetId, String url, String language, String name) {
        Answer created = http.api("POST", "/video/v1/assets/" + assetId + "/tracks", """
                {"url":"%s","type":"text","text_type":"subtitles","language_code":"%s","name":"%s"}"""
                .formatted(url, language, name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data();
    }

    private List<String> trackEvents(String trackId) {
        return receiver.received().stream().filter(r -> r.json().path("object").path("id").asString().equals(trackId))
                .map(Received::type).toList();
    }

    private static List<JsonNode> textTracks(JsonNode asset) {
        List<JsonNode> tracks = new java.util.ArrayList<>();
        asset.path("tracks").forEach(t -> {
            if (t.path("type").asString().equals("text")) {
                tracks.add(t);
            }
        });
        return tracks;
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

    private String stream(String playbackId) throws Exception {
        return mux.streamBaseUrl() + "/" + playbackId + ".m3u8?token=" + token(playbackId);
    }

    private static String streamInf(String multivariant) {
        return multivariant.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).findFirst().orElseThrow();
    }

    /** Follows the first subtitles rendition of a multivariant playlist to its WebVTT, as a player does. */
    private byte[] subtitlesOf(String pid, String multivariant) {
        String media = multivariant.lines().filter(l -> l.startsWith("#EXT-X-MEDIA:TYPE=SUBTITLES")).findFirst()
                .orElseThrow();
        String uri = media.substring(media.indexOf("URI=\"") + 5, media.lastIndexOf('"'));
        URI playlistUri = URI.create(mux.streamBaseUrl() + "/" + pid + ".m3u8").resolve(uri);
        Answer playlist = http.get(playlistUri.toString());
        assertThat(playlist.status()).isEqualTo(200);
        assertThat(playlist.body()).contains("#EXTINF:3.000,").contains("#EXT-X-ENDLIST");
        String vtt = playlist.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
        HttpResponse<byte[]> file = http.bytes(playlistUri.resolve(vtt), null);
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }


    private void awaitStatus(String assetId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!mux.assetStatus(assetId).orElse("").equals(status)) {
            assertThat(System.nanoTime()).as("asset " + assetId + " " + status).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
