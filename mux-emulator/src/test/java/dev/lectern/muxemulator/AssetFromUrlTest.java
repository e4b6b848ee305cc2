package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.muxemulator.MuxHttp.Answer;
import dev.lectern.muxemulator.WebhookReceiver.Received;
import dev.lectern.testkit.TestVideos;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AssetFromUrlTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private WebhookReceiver receiver;
    private FileServer files;
    private MuxEmulator mux;
    private MuxHttp http;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        files = new FileServer();
        mux = MuxEmulator.start(MuxEmulatorSettings.builder().webhookUrl(receiver.url())
                .processingDelay(Duration.ofMillis(50)).build());
        http = new MuxHttp(mux);
    }

    @AfterEach
    void stop() {
        mux.close();
        files.close();
        receiver.close();
    }

    @Test
    void assetFromAUrlIsFetchedThenReadyWithItsCaptionsAndMp4() throws Exception {
        String lecture = UUID.randomUUID().toString();
        String url = files.serve("/videos/lecture.mp4", TestVideos.FIVE_SECONDS.bytes());
        Answer created = http.api("POST", "/video/v1/assets", """
                {"inputs":[{"url":"%s","generated_subtitles":[{"language_code":"en","name":"English CC"}]}],
                 "playback_policies":["public"],"passthrough":"%s","mp4_support":"capped-1080p"}"""
                .formatted(url, lecture));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode asset = created.data();
        String assetId = asset.path("id").asString();
        assertThat(asset.path("status").asString()).isEqualTo("preparing");
        assertThat(asset.path("ingest_type").asString()).isEqualTo("on_demand_url");
        assertThat(asset.has("upload_id")).isFalse();
        assertThat(asset.path("passthrough").asString()).isEqualTo(lecture);

        mux.webhooks().awaitDelivered("video.asset.track.ready", lecture, WAIT);
        mux.webhooks().awaitDelivered("video.asset.static_renditions.ready", lecture, WAIT);
        List<String> types = receiver.received().stream().map(Received::type).toList();
        assertThat(types).containsSubsequence("video.asset.created", "video.asset.ready", "video.asset.track.created",
                "video.asset.track.ready");
        assertThat(types).containsSubsequence("video.asset.ready", "video.asset.static_renditions.ready");
        assertThat(files.requests()).containsExactly("/videos/lecture.mp4 curl/7.43.0 (Mux)");

        JsonNode ready = http.api("GET", "/video/v1/assets/" + assetId, null).data();
        assertThat(ready.path("duration").asDouble()).isEqualTo(5.0);
        assertThat(ready.path("aspect_ratio").asString()).isEqualTo("16:9");
        String pid = ready.path("playback_ids").get(0).path("id").asString();
        String multivariant = http.get(mux.streamBaseUrl() + "/" + pid + ".m3u8").body();
        assertThat(multivariant).contains("NAME=\"English CC\"").contains("CODECS=\"mp4a.40.2,avc1.64000c\"");
    }

    @Test
    void inputAsABareUrlStringIsTakenToo() throws Exception {
        String url = files.serve("/videos/short.mp4", TestVideos.THREE_SECONDS.bytes());
        Answer created = http.api("POST", "/video/v1/assets", """
                {"input":"%s","playback_policy":["signed"]}""".formatted(url));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String assetId = created.data().path("id").asString();
        mux.webhooks().awaitDelivered("video.asset.ready", assetId, WAIT);
    }

    @Test
    void unreachableInputThenErroredAsset() {
        Answer created = http.api("POST", "/video/v1/assets", """
                {"inputs":[{"url":"%s"}],"playback_policies":["public"]}""".formatted(files.url("/videos/gone.mp4")));
        String assetId = created.data().path("id").asString();
        mux.webhooks().awaitDelivered("video.asset.errored", assetId, WAIT);
        JsonNode errors = http.api("GET", "/video/v1/assets/" + assetId, null).data().path("errors");
        assertThat(errors.path("type").asString()).isEqualTo("download_failed");
        assertThat(errors.path("messages").get(0).asString()).contains("404");
    }

    @Test
    void noInputOrABadUrlThen400() {
        for (String body : List.of("{\"playback_policies\":[\"public\"]}", "{\"inputs\":[]}",
                "{\"inputs\":[{\"url\":\"file:///etc/passwd\"}]}", "{\"inputs\":[{}]}",
                "{\"inputs\":[{\"url\":\"https://example.com/v.mp4\"}],\"mp4_support\":\"yes\"}")) {
            Answer answer = http.api("POST", "/video/v1/assets", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("error").path("type").asString()).isEqualTo("invalid_parameters");
        }
    }
}
