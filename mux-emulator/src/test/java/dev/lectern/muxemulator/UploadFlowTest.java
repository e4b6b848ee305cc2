package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.muxemulator.MuxHttp.Answer;
import dev.lectern.muxemulator.WebhookReceiver.Received;
import dev.lectern.testkit.TestVideos;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UploadFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "test-webhook-secret";

    private WebhookReceiver receiver;
    private MuxEmulator mux;
    private MuxHttp http;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        mux = MuxEmulator.start(MuxEmulatorSettings.builder()
                .webhookUrl(receiver.url())
                .webhookSecret(SECRET)
                .processingDelay(Duration.ofMillis(100))
                .uploadChunkMultiple(16 * 1024)
                .build());
        http = new MuxHttp(mux);
    }

    @AfterEach
    void stop() {
        mux.close();
        receiver.close();
    }

    @Test
    void uploadOfAVideoThenSignedWebhooksInOrderAndAssetReadyWithDurationAndAspectRatio() throws Exception {
        String lecture = UUID.randomUUID().toString();
        JsonNode upload = http.createUpload(lecture);
        assertThat(upload.path("status").asString()).isEqualTo("waiting");
        assertThat(upload.path("url").asString()).startsWith(mux.baseUrl() + "/upload/" + upload.path("id").asString() + "?sig=");
        assertThat(upload.path("new_asset_settings").path("passthrough").asString()).isEqualTo(lecture);
        assertThat(upload.path("timeout").asInt()).isEqualTo(3600);

        Answer put = http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);
        assertThat(put.status()).isEqualTo(200);

        List<Received> webhooks = receiver.await(4, WAIT);
        assertThat(webhooks).extracting(Received::type).containsExactly("video.upload.created",
                "video.upload.asset_created", "video.asset.created", "video.asset.ready");
        assertThat(webhooks).allSatisfy(w -> {
            assertThat(WebhookReceiver.signedWith(SECRET, w)).as("signature of " + w.type()).isTrue();
            assertThat(WebhookReceiver.signedWith("another-secret", w)).isFalse();
            assertThat(w.contentType()).startsWith("application/json");
        });
        assertThat(webhooks).extracting(Received::id).doesNotHaveDuplicates();
        JsonNode assetCreated = webhooks.get(1).json();
        assertThat(assetCreated.path("object").path("type").asString()).isEqualTo("upload");
        assertThat(assetCreated.path("data").path("new_asset_settings").path("passthrough").asString()).isEqualTo(lecture);
        assertThat(assetCreated.path("attempts").isArray()).isTrue();
        assertThat(assetCreated.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        String assetId = assetCreated.path("data").path("asset_id").asString();

        JsonNode ready = webhooks.get(3).json();
        assertThat(ready.path("object").path("id").asString()).isEqualTo(assetId);
        JsonNode data = ready.path("data");
        assertThat(data.path("passthrough").asString()).isEqualTo(lecture);
        assertThat(data.path("upload_id").asString()).isEqualTo(upload.path("id").asString());
        assertThat(data.path("status").asString()).isEqualTo("ready");
        assertThat(data.path("duration").asDouble()).isEqualTo(3.0);
        assertThat(data.path("aspect_ratio").asString()).isEqualTo("4:3");
        assertThat(data.path("created_at").isNumber()).isTrue();
        assertThat(data.path("resolution_tier").asString()).isEqualTo("720p");
        assertThat(data.path("playback_ids").get(0).path("policy").asString()).isEqualTo("signed");
        assertThat(data.path("tracks").get(0).path("max_width").asInt()).isEqualTo(160);
        assertThat(data.path("tracks").get(0).path("max_height").asInt()).isEqualTo(120);

        Answer asset = http.api("GET", "/video/v1/assets/" + assetId, null);
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.data().path("status").asString()).isEqualTo("ready");
        assertThat(asset.data().path("created_at").isString()).isTrue();
        assertThat(asset.data().path("duration").asDouble()).isCloseTo(3.0, within(0.05));

        Answer after = http.api("GET", "/video/v1/uploads/" + upload.path("id").asString(), null);
        assertThat(after.data().path("status").asString()).isEqualTo("asset_created");
        assertThat(after.data().path("asset_id").asString()).isEqualTo(assetId);
        assertThat(after.data().has("url")).isFalse();
    }

    @Test
    void uploadOfASixteenByNineVideoThenReadyWithItsAspectRatio() throws Exception {
        String lecture = UUID.randomUUID().toString();
        JsonNode upload = http.createUpload(lecture);
        http.put(upload.path("url").asString(), TestVideos.FIVE_SECONDS.bytes(), null);

        mux.webhooks().awaitDelivered("video.asset.ready", lecture, WAIT);
        JsonNode ready = receiver.received("video.asset.ready").getFirst().json().path("data");
        assertThat(ready.path("duration").asDouble()).isCloseTo(5.0, within(0.05));
        assertThat(ready.path("aspect_ratio").asString()).isEqualTo("16:9");
        assertThat(ready.path("max_stored_frame_rate").asDouble()).isCloseTo(10.0, within(0.01));
    }

    @Test
    void chunkedUploadWithContentRangeThenPartialAnswers308WithRangeAndLastChunk200() throws Exception {
        String lecture = UUID.randomUUID().toString();
        String url = http.createUpload(lecture).path("url").asString();
        byte[] video = TestVideos.FIVE_SECONDS.bytes();
        int chunk = 32 * 1024;

        Answer first = http.put(url, Arrays.copyOfRange(video, 0, chunk), "bytes 0-" + (chunk - 1) + "/*");
        assertThat(first.status()).isEqualTo(308);
        assertThat(first.header("Range")).isEqualTo("bytes=0-" + (chunk - 1));

        Answer status = http.put(url, new byte[0], "bytes */" + video.length);
        assertThat(status.status()).isEqualTo(308);
        assertThat(status.header("Range")).isEqualTo("bytes=0-" + (chunk - 1));

        Answer notAMultiple = http.put(url, Arrays.copyOfRange(video, chunk, chunk + 1000),
                "bytes " + chunk + "-" + (chunk + 999) + "/" + video.length);
        assertThat(notAMultiple.status()).isEqualTo(400);

        Answer gap = http.put(url, Arrays.copyOfRange(video, 2 * chunk, 3 * chunk),
                "bytes " + 2 * chunk + "-" + (3 * chunk - 1) + "/" + video.length);
        assertThat(gap.status()).isEqualTo(400);

        int offset = chunk;
        while (video.length - offset > chunk) {
            Answer middle = http.put(url, Arrays.copyOfRange(video, offset, offset + chunk),
                    "bytes " + offset + "-" + (offset + chunk - 1) + "/" + video.length);
            assertThat(middle.status()).isEqualTo(308);
            assertThat(middle.header("Range")).isEqualTo("bytes=0-" + (offset + chunk - 1));
            offset += chunk;
        }
        Answer last = http.put(url, Arrays.copyOfRange(video, offset, video.length),
                "bytes " + offset + "-" + (video.length - 1) + "/" + video.length);
        assertThat(last.status()).isEqualTo(200);

        mux.webhooks().awaitDelivered("video.asset.ready", lecture, WAIT);
        JsonNode ready = receiver.received("video.asset.ready").getFirst().json().path("data");
        assertThat(ready.path("duration").asDouble()).isCloseTo(5.0, within(0.05));
    }

    @Test
    void uploadUrlWithAWrongSignatureThenForbiddenAndNothingStored() {
        JsonNode upload = http.createUpload(UUID.randomUUID().toString());
        String forged = upload.path("url").asString().replaceAll("sig=.*", "sig=guessed");

        assertThat(http.put(forged, TestVideos.THREE_SECONDS.bytes(), null).status()).isEqualTo(403);
        assertThat(http.api("GET", "/video/v1/uploads/" + upload.path("id").asString(), null).data()
                .path("status").asString()).isEqualTo("waiting");
    }

    @Test
    void uploadUrlAnswersCorsForTheUploadsOriginOnly() {
        JsonNode upload = http.createUpload(UUID.randomUUID().toString());
        var preflight = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(upload.path("url").asString()))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type,content-range").build());
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("PUT");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("content-range");

        var other = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(upload.path("url").asString()))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.com").build());
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void cancelWhileWaitingThenCancelledWithWebhookAndAfterUploadForbidden() throws Exception {
        String lecture = UUID.randomUUID().toString();
        JsonNode waiting = http.createUpload(lecture);
        Answer cancelled = http.api("PUT", "/video/v1/uploads/" + waiting.path("id").asString() + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.data().path("status").asString()).isEqualTo("cancelled");
        mux.webhooks().awaitDelivered("video.upload.cancelled", lecture, WAIT);
        assertThat(http.put(waiting.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null).status())
                .isBetween(400, 499);

        String other = UUID.randomUUID().toString();
        JsonNode uploaded = http.createUpload(other);
        http.put(uploaded.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);
        Answer tooLate = http.api("PUT", "/video/v1/uploads/" + uploaded.path("id").asString() + "/cancel", null);
        assertThat(tooLate.status()).isEqualTo(403);
        assertThat(tooLate.json().path("error").path("messages").get(0).asString()).contains("no longer possible");

        assertThat(http.api("PUT", "/video/v1/uploads/unknown/cancel", null).status()).isEqualTo(404);
    }

    @Test
    void uploadOfSomethingThatIsNotAVideoThenAssetErroredWebhook() throws Exception {
        String lecture = UUID.randomUUID().toString();
        JsonNode upload = http.createUpload(lecture);
        http.put(upload.path("url").asString(), "just some lecture notes\n".repeat(100).getBytes(StandardCharsets.UTF_8), null);

        mux.webhooks().awaitDelivered("video.asset.errored", lecture, WAIT);
        JsonNode errored = receiver.received("video.asset.errored").getFirst().json().path("data");
        assertThat(errored.path("status").asString()).isEqualTo("errored");
        assertThat(errored.path("passthrough").asString()).isEqualTo(lecture);
        assertThat(errored.path("errors").path("type").asString()).isEqualTo("invalid_input");
        assertThat(errored.path("errors").path("messages").get(0).asString()).isNotBlank();
        assertThat(receiver.received("video.asset.ready")).isEmpty();
    }

    @Test
    void createUploadWithInvalidSettingsThenMuxStyle400() {
        Answer shortTimeout = http.api("POST", "/video/v1/uploads", "{\"cors_origin\":\"*\",\"timeout\":10}");
        assertThat(shortTimeout.status()).isEqualTo(400);
        assertThat(shortTimeout.json().path("error").path("type").asString()).isEqualTo("invalid_parameters");
        assertThat(shortTimeout.json().path("error").path("messages").isArray()).isTrue();

        Answer both = http.api("POST", "/video/v1/uploads", """
                {"cors_origin":"*","new_asset_settings":{"playback_policies":["signed"],
                 "advanced_playback_policies":[{"policy":"drm","drm_configuration_id":"d1"}]}}""");
        assertThat(both.status()).isEqualTo(400);

        Answer drmWithoutConfig = http.api("POST", "/video/v1/uploads", """
                {"cors_origin":"*","new_asset_settings":{"advanced_playback_policies":[{"policy":"drm"}]}}""");
        assertThat(drmWithoutConfig.status()).isEqualTo(400);

        Answer longPassthrough = http.api("POST", "/video/v1/uploads", """
                {"new_asset_settings":{"playback_policies":["signed"],"passthrough":"%s"}}""".formatted("x".repeat(256)));
        assertThat(longPassthrough.status()).isEqualTo(400);

        assertThat(http.api("POST", "/video/v1/uploads", "{not json").status()).isEqualTo(400);
    }

    @Test
    void drmUploadThenAssetWithADrmPlaybackId() throws Exception {
        String lecture = UUID.randomUUID().toString();
        Answer created = http.api("POST", "/video/v1/uploads", """
                {"cors_origin":"*","new_asset_settings":{"advanced_playback_policies":
                 [{"policy":"drm","drm_configuration_id":"drm-config-1"}],"passthrough":"%s","video_quality":"plus"}}"""
                .formatted(lecture));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().path("new_asset_settings").has("playback_policies")).isFalse();
        http.put(created.data().path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);

        mux.webhooks().awaitDelivered("video.asset.ready", lecture, WAIT);
        JsonNode id = receiver.received("video.asset.ready").getFirst().json().path("data").path("playback_ids").get(0);
        assertThat(id.path("policy").asString()).isEqualTo("drm");
        assertThat(id.path("drm_configuration_id").asString()).isEqualTo("drm-config-1");
    }

    @Test
    void apiWithoutOrWithWrongBasicCredentialsThen401() {
        var none = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(mux.baseUrl() + "/video/v1/uploads"))
                .GET().build());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("error").path("type").asString()).isEqualTo("unauthorized");

        var wrong = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(mux.baseUrl() + "/system/v1/signing-keys"))
                .header("Authorization", MuxHttp.basic(mux.settings().tokenId(), "not-the-secret"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void deleteAssetThen204WithDeletedWebhookAndThen404() throws Exception {
        String lecture = UUID.randomUUID().toString();
        JsonNode upload = http.createUpload(lecture);
        http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);
        mux.webhooks().awaitDelivered("video.asset.ready", lecture, WAIT);
        String assetId = mux.assetIdOfUpload(upload.path("id").asString()).orElseThrow();

        assertThat(http.api("DELETE", "/video/v1/assets/" + assetId, null).status()).isEqualTo(204);
        mux.webhooks().awaitDelivered("video.asset.deleted", lecture, WAIT);
        assertThat(http.api("GET", "/video/v1/assets/" + assetId, null).status()).isEqualTo(404);
        Answer again = http.api("DELETE", "/video/v1/assets/" + assetId, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().path("error").path("type").asString()).isEqualTo("not_found");
    }

    @Test
    void playbackIdsCanBeAddedAndRemoved() throws Exception {
        String lecture = UUID.randomUUID().toString();
        JsonNode upload = http.createUpload(lecture);
        http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);
        mux.webhooks().awaitDelivered("video.asset.created", lecture, WAIT);
        String assetId = mux.assetIdOfUpload(upload.path("id").asString()).orElseThrow();

        Answer added = http.api("POST", "/video/v1/assets/" + assetId + "/playback-ids", "{\"policy\":\"public\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.data().path("policy").asString()).isEqualTo("public");
        String pid = added.data().path("id").asString();
        assertThat(http.api("GET", "/video/v1/assets/" + assetId, null).data().path("playback_ids").toString())
                .contains(pid);

        assertThat(http.api("POST", "/video/v1/assets/" + assetId + "/playback-ids", "{\"policy\":\"weird\"}").status())
                .isEqualTo(400);
        assertThat(http.api("DELETE", "/video/v1/assets/" + assetId + "/playback-ids/" + pid, null).status())
                .isEqualTo(204);
        assertThat(http.api("DELETE", "/video/v1/assets/" + assetId + "/playback-ids/" + pid, null).status())
                .isEqualTo(404);
        assertThat(http.api("POST", "/video/v1/assets/unknown/playback-ids", "{\"policy\":\"signed\"}").status())
                .isEqualTo(404);
    }

    @Test
    void uploadWithChunkedTransferEncodingThenStoredWhole() throws Exception {
        String lecture = UUID.randomUUID().toString();
        JsonNode upload = http.createUpload(lecture);
        byte[] video = TestVideos.FIVE_SECONDS.bytes();
        Answer put = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(upload.path("url").asString()))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(video)))
                .build());
        assertThat(put.status()).isEqualTo(200);

        mux.webhooks().awaitDelivered("video.asset.ready", lecture, WAIT);
        assertThat(java.nio.file.Files.readAllBytes(mux.store().uploadFile(upload.path("id").asString()))).isEqualTo(video);
    }

    @Test
    void uploadPastItsTimeoutThenTimedOutAndNoLongerAcceptsTheFile() {
        String id = "expired-upload";
        mux.store().put(new Store.UploadState(id, "secret-sig", "waiting", 60, "*", null, false,
                System.currentTimeMillis() - 61_000, null, null));

        Answer upload = http.api("GET", "/video/v1/uploads/" + id, null);
        assertThat(upload.data().path("status").asString()).isEqualTo("timed_out");
        assertThat(upload.data().has("url")).isFalse();
        assertThat(http.put(mux.baseUrl() + "/upload/" + id + "?sig=secret-sig", TestVideos.THREE_SECONDS.bytes(), null)
                .status()).isEqualTo(410);
        assertThat(http.api("PUT", "/video/v1/uploads/" + id + "/cancel", null).status()).isEqualTo(403);
    }

    @Test
    void injectedApiFailuresThenThatManyMuxErrorsAndNothingCreated() {
        mux.failNextApiCalls(503, 2);
        String body = "{\"cors_origin\":\"*\"}";
        Answer first = http.api("POST", "/video/v1/uploads", body);
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json().path("error").path("type").asString()).isEqualTo("internal_server_error");
        assertThat(http.api("POST", "/video/v1/uploads", body).status()).isEqualTo(503);
        assertThat(http.api("GET", "/video/v1/uploads", null).data().size()).isZero();
        assertThat(http.api("POST", "/video/v1/uploads", body).status()).isEqualTo(201);

        var rateLimited = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(mux.baseUrl() + "/_emulator/api/fail?status=429&count=1"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(rateLimited.status()).isEqualTo(204);
        Answer limited = http.api("GET", "/video/v1/uploads", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(http.api("GET", "/video/v1/uploads", null).status()).isEqualTo(200);
    }
}
