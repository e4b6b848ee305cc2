package dev.lectern.media.mux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lectern.media.mux.MuxStub.Answer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

class MuxClientTest {

    static final String TOKEN_ID = "44c819de-4add-4c9f-b2e9-384a0a71bede";
    static final String TOKEN_SECRET = "INKxCoZ+cX6l1yrR6vqzYHVaeFEcqvZShznWM1U/No8KsV7h6Jxu1XXuTUQ91sdiGONK3H7NE7H";
    static final String LECTURE_ID = "3f1d6c1e-5a44-4a8e-9d0b-0c2b1f9a7e11";
    static final String UPLOAD_ID = "OOTbA00CpWh6OgwV3asF00IvD2STk22UXM";
    static final String ASSET_ID = "00ecNLnqiG8v00TLqqeZ00uCE5wCAaO3kKc";
    static final String UPLOADS = "/video/v1/uploads";

    final MuxStub stub = new MuxStub();
    final FakeTimer timer = new FakeTimer();
    final List<MuxClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(MuxClient::close);
        stub.close();
    }

    /** Real clock plus the time the client "slept"; sleeping is instant and recorded. */
    static final class FakeTimer implements MuxClient.Timer {
        final List<Duration> sleeps = new CopyOnWriteArrayList<>();
        volatile long offset;

        @Override
        public long nanoTime() {
            return System.nanoTime() + offset;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            offset += duration.toNanos();
        }
    }

    MuxProperties properties(URI baseUrl, Duration readTimeout, int maxRetries, Duration budget) {
        return new MuxProperties(baseUrl, TOKEN_ID, TOKEN_SECRET, Duration.ofMillis(500), readTimeout, maxRetries,
                Duration.ofMillis(100), Duration.ofSeconds(2), budget);
    }

    MuxClient client() {
        return client(properties(stub.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofSeconds(30)));
    }

    MuxClient client(MuxProperties properties) {
        MuxClient client = new MuxClient(properties, RestClient.builder(), timer, () -> 0.5);
        clients.add(client);
        return client;
    }

    static CreateUpload signedUpload() {
        return new CreateUpload("https://app.example.com", 3600, NewAssetSettings.signed(LECTURE_ID, "basic"));
    }

    static JsonNode json(String text) {
        return MuxClient.JSON.readTree(text);
    }

    // requests and responses

    @Test
    void createUploadSendsBasicAuthAndSignedSettingsInSnakeCaseAndReadsTheUpload() {
        stub.on("POST", UPLOADS, Answer.of(201, "upload-created.json"));

        Upload upload = client().createUpload(signedUpload());

        MuxStub.Recorded sent = stub.requests.getFirst();
        String expectedAuth = "Basic " + Base64.getEncoder()
                .encodeToString((TOKEN_ID + ":" + TOKEN_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(sent.header("Authorization")).isEqualTo(expectedAuth);
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(sent.body())).isEqualTo(json("""
                {"cors_origin":"https://app.example.com","timeout":3600,
                 "new_asset_settings":{"playback_policies":["signed"],
                   "passthrough":"3f1d6c1e-5a44-4a8e-9d0b-0c2b1f9a7e11","video_quality":"basic"}}"""));
        assertThat(upload.id()).isEqualTo(UPLOAD_ID);
        assertThat(upload.status()).isEqualTo(UploadStatus.WAITING);
        assertThat(upload.url()).startsWith("https://storage.googleapis.com/video-storage-us-east1-uploads/" + UPLOAD_ID);
        assertThat(upload.timeout()).isEqualTo(3600);
        assertThat(upload.assetId()).isNull();
        assertThat(upload.newAssetSettings().playbackPolicies()).containsExactly(PlaybackPolicy.SIGNED);
        assertThat(upload.newAssetSettings().passthrough()).isEqualTo(LECTURE_ID);
    }

    @Test
    void createDrmUploadSendsOnlyAdvancedPlaybackPoliciesWithConfigurationId() {
        stub.on("POST", UPLOADS, Answer.of(201, "upload-created.json"));

        client().createUpload(new CreateUpload("https://app.example.com", null,
                NewAssetSettings.drm(LECTURE_ID, "drm-config-1", "plus")));

        assertThat(json(stub.requests.getFirst().body())).isEqualTo(json("""
                {"cors_origin":"https://app.example.com",
                 "new_asset_settings":{
                   "advanced_playback_policies":[{"policy":"drm","drm_configuration_id":"drm-config-1"}],
                   "passthrough":"3f1d6c1e-5a44-4a8e-9d0b-0c2b1f9a7e11","video_quality":"plus"}}"""));
    }

    @Test
    void getUploadAfterTheFileLandedReadsAssetId() {
        stub.on("GET", UPLOADS + "/" + UPLOAD_ID, Answer.of(200, "upload-asset-created.json"));

        Upload upload = client().getUpload(UPLOAD_ID);

        assertThat(upload.status()).isEqualTo(UploadStatus.ASSET_CREATED);
        assertThat(upload.assetId()).isEqualTo(ASSET_ID);
        assertThat(upload.url()).isNull();
    }

    @Test
    void cancelUploadSendsPutToCancelPathAndReadsCancelledStatus() {
        stub.on("PUT", UPLOADS + "/" + UPLOAD_ID + "/cancel", Answer.of(200, "upload-cancelled.json"));

        Upload upload = client().cancelUpload(UPLOAD_ID);

        assertThat(upload.status()).isEqualTo(UploadStatus.CANCELLED);
        assertThat(MuxStub.paths(stub.requests)).containsExactly("PUT " + UPLOADS + "/" + UPLOAD_ID + "/cancel");
    }

    @Test
    void cancelUploadNoLongerWaitingThenRejectedWithoutRetry() {
        stub.on("PUT", UPLOADS + "/" + UPLOAD_ID + "/cancel", Answer.of(403, "error-403-cancel.json"));

        MuxRejectedException e = catchThrowableOfType(MuxRejectedException.class,
                () -> client().cancelUpload(UPLOAD_ID));

        assertThat(e.muxStatus()).isEqualTo(403);
        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void getReadyAssetReadsDurationPlaybackIdsAndTracksIgnoringUnknownFields() {
        stub.on("GET", "/video/v1/assets/" + ASSET_ID, Answer.of(200, "asset-ready.json"));

        Asset asset = client().getAsset(ASSET_ID);

        assertThat(asset.id()).isEqualTo(ASSET_ID);
        assertThat(asset.status()).isEqualTo(AssetStatus.READY);
        assertThat(asset.duration()).isEqualTo(23.872);
        assertThat(asset.aspectRatio()).isEqualTo("16:9");
        assertThat(asset.createdAt()).isEqualTo("1718058159");
        assertThat(asset.passthrough()).isEqualTo(LECTURE_ID);
        assertThat(asset.uploadId()).isEqualTo(UPLOAD_ID);
        assertThat(asset.playbackIds()).containsExactly(
                new PlaybackId("CypWdvOIUrxjI7RlRAbVm01fGxFMO6wfH", PlaybackPolicy.SIGNED, null));
        assertThat(asset.tracks()).extracting(Asset.Track::type).containsExactly("video", "audio");
        assertThat(asset.tracks().getFirst().maxWidth()).isEqualTo(1920);
        assertThat(asset.tracks().get(1).primary()).isTrue();
    }

    @Test
    void getErroredAssetReadsErrorsAndDrmPlaybackId() {
        stub.on("GET", "/video/v1/assets/bad", Answer.of(200, "asset-errored.json"));

        Asset asset = client().getAsset("bad");

        assertThat(asset.status()).isEqualTo(AssetStatus.ERRORED);
        assertThat(asset.errors().type()).isEqualTo("invalid_input");
        assertThat(asset.errors().messages()).containsExactly("The input file could not be decoded");
        assertThat(asset.playbackIds().getFirst().policy()).isEqualTo(PlaybackPolicy.DRM);
        assertThat(asset.playbackIds().getFirst().drmConfigurationId()).isEqualTo("drm-config-1");
        assertThat(asset.duration()).isNull();
    }

    @Test
    void unknownStatusOrPolicyValuesAreReadAsUnknownInsteadOfFailing() {
        stub.on("GET", "/video/v1/assets/new", new Answer(200, """
                {"data":{"id":"new","status":"archived","created_at":1718058159,
                 "playback_ids":[{"id":"p","policy":"geo_fenced"}],"brand_new_field":{"x":1}}}""",
                java.util.Map.of(), 0));

        Asset asset = client().getAsset("new");

        assertThat(asset.status()).isEqualTo(AssetStatus.UNKNOWN);
        assertThat(asset.playbackIds().getFirst().policy()).isEqualTo(PlaybackPolicy.UNKNOWN);
        assertThat(asset.createdAt()).isEqualTo("1718058159");
    }

    @Test
    void deleteAssetWhenMuxAnswers204ThenTrue() {
        stub.on("DELETE", "/video/v1/assets/" + ASSET_ID, Answer.of(204, null));

        assertThat(client().deleteAsset(ASSET_ID)).isTrue();
        assertThat(MuxStub.paths(stub.requests)).containsExactly("DELETE /video/v1/assets/" + ASSET_ID);
    }

    @Test
    void deleteAssetWhenMuxAnswers404ThenAlreadyGoneWithoutError() {
        stub.on("DELETE", "/video/v1/assets/gone", Answer.of(404, "error-404.json"));

        assertThat(client().deleteAsset("gone")).isFalse();
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void createPlaybackIdSendsPolicyAndReadsNewId() {
        String path = "/video/v1/assets/" + ASSET_ID + "/playback-ids";
        stub.on("POST", path, Answer.of(201, "playback-id-created.json"));

        PlaybackId id = client().createPlaybackId(ASSET_ID, PlaybackPolicy.SIGNED);

        assertThat(json(stub.requests.getFirst().body())).isEqualTo(json("{\"policy\":\"signed\"}"));
        assertThat(id).isEqualTo(new PlaybackId("vAFLI2eKFFicXX00iHBS2vqt5JjJGg5HV6fQ4Xijgt1I", PlaybackPolicy.SIGNED, null));
    }

    @Test
    void createDrmPlaybackIdSendsConfigurationId() {
        String path = "/video/v1/assets/" + ASSET_ID + "/playback-ids";
        stub.on("POST", path, Answer.of(201, "playback-id-created.json"));

        client().createPlaybackId(ASSET_ID, new CreatePlaybackId(PlaybackPolicy.DRM, "drm-config-1"));

        assertThat(json(stub.requests.getFirst().body()))
                .isEqualTo(json("{\"policy\":\"drm\",\"drm_configuration_id\":\"drm-config-1\"}"));
    }

    @Test
    void deletePlaybackIdSendsDeleteAndTreats404AsGone() {
        stub.on("DELETE", "/video/v1/assets/" + ASSET_ID + "/playback-ids/p1", Answer.of(204, null));
        stub.on("DELETE", "/video/v1/assets/" + ASSET_ID + "/playback-ids/p2", Answer.of(404, "error-404.json"));

        assertThat(client().deletePlaybackId(ASSET_ID, "p1")).isTrue();
        assertThat(client().deletePlaybackId(ASSET_ID, "p2")).isFalse();
    }

    // retries

    @Test
    void getWhenRateLimitedThenWaitsRetryAfterAndSucceeds() {
        stub.on("GET", "/video/v1/assets/" + ASSET_ID,
                Answer.of(429, "error-429.json").withHeader("Retry-After", "2"),
                Answer.of(200, "asset-ready.json"));

        Asset asset = client().getAsset(ASSET_ID);

        assertThat(asset.status()).isEqualTo(AssetStatus.READY);
        assertThat(stub.requests).hasSize(2);
        assertThat(timer.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void getWhen503ThenRetriesWithGrowingBackoffAndSucceeds() {
        stub.on("GET", UPLOADS + "/" + UPLOAD_ID,
                Answer.of(503, "error-500.json"), Answer.of(503, "error-500.json"),
                Answer.of(200, "upload-asset-created.json"));

        Upload upload = client().getUpload(UPLOAD_ID);

        assertThat(upload.assetId()).isEqualTo(ASSET_ID);
        assertThat(stub.requests).hasSize(3);
        // base 100 ms doubled, jitter fixed at 0.5 → 75 ms then 150 ms
        assertThat(timer.sleeps).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150));
    }

    @Test
    void getWhenMuxKeepsFailingThenUnavailableAfterMaxRetriesWithRetryAfter() {
        stub.on("GET", "/video/v1/assets/" + ASSET_ID, Answer.of(502, null));

        MuxUnavailableException e = catchThrowableOfType(MuxUnavailableException.class,
                () -> client().getAsset(ASSET_ID));

        assertThat(stub.requests).hasSize(4);
        assertThat(timer.sleeps).hasSize(3);
        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(e.getBody().getType()).isEqualTo(URI.create("https://lectern.dev/problems/mux-unavailable"));
        assertThat(e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(e.muxStatus()).isEqualTo(502);
    }

    @Test
    void getWhenTimedOutThenRetriedBecauseReadsAreSafe() {
        // a warm client: on a cold JVM the first request may leave only after its timeout and overtake the retry
        stub.on("GET", "/video/v1/assets/" + ASSET_ID, Answer.of(200, "asset-ready.json"),
                Answer.of(200, "asset-ready.json").delayedBy(3_000), Answer.of(200, "asset-ready.json"));
        MuxClient client = client(properties(stub.baseUrl(), Duration.ofMillis(500), 3, Duration.ofSeconds(30)));
        client.getAsset(ASSET_ID);

        Asset asset = client.getAsset(ASSET_ID);

        assertThat(asset.status()).isEqualTo(AssetStatus.READY);
        assertThat(stub.requests.size() - 1).as("the timed-out read and its retry").isGreaterThanOrEqualTo(2);
        assertThat(timer.sleeps).isNotEmpty();
    }

    @Test
    void everyAttemptIsMeasuredUnderItsUriTemplateWithItsStatus() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        stub.on("GET", "/video/v1/assets/" + ASSET_ID, Answer.of(503, "error-500.json"), Answer.of(200, "asset-ready.json"));
        MuxClient client = new MuxClient(properties(stub.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofSeconds(30)),
                RestClient.builder().observationRegistry(observations), timer, () -> 0.5);
        clients.add(client);

        client.getAsset(ASSET_ID);

        assertThat(meters.get("http.client.requests").tag("uri", "/video/v1/assets/{assetId}").tag("status", "503")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("http.client.requests").tag("uri", "/video/v1/assets/{assetId}").tag("status", "200")
                .timer().count()).isEqualTo(1);
        assertThat(meters.find("http.client.requests").tag("uri", "/video/v1/assets/" + ASSET_ID).timer()).isNull();
    }

    @Test
    void createUploadWhenMuxAnswers500ThenFailsWithoutRetrying() {
        stub.on("POST", UPLOADS, Answer.of(500, "error-500.json"), Answer.of(201, "upload-created.json"));

        MuxUnavailableException e = catchThrowableOfType(MuxUnavailableException.class,
                () -> client().createUpload(signedUpload()));

        assertThat(stub.requests).hasSize(1);
        assertThat(timer.sleeps).isEmpty();
        assertThat(e.muxErrorType()).isEqualTo("internal_server_error");
        assertThat(e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
    }

    @Test
    void createUploadWhenTimedOutThenFailsWithoutRetrying() throws InterruptedException {
        stub.on("POST", UPLOADS, Answer.of(201, "upload-created.json").delayedBy(1_000),
                Answer.of(201, "upload-created.json"));

        assertThatThrownBy(() -> client(properties(stub.baseUrl(), Duration.ofMillis(200), 3, Duration.ofSeconds(30)))
                .createUpload(signedUpload()))
                .isInstanceOf(MuxUnavailableException.class);

        Thread.sleep(100); // let a late duplicate show up if there were one
        assertThat(stub.requests).hasSize(1);
        assertThat(timer.sleeps).isEmpty();
    }

    @Test
    void createUploadWhenRateLimitedThenRetriedWithTheSameBody() {
        stub.on("POST", UPLOADS,
                Answer.of(429, "error-429.json").withHeader("Retry-After", "1"),
                Answer.of(201, "upload-created.json"));

        Upload upload = client().createUpload(signedUpload());

        assertThat(upload.id()).isEqualTo(UPLOAD_ID);
        assertThat(stub.requests).hasSize(2);
        assertThat(stub.requests.get(1).body()).isEqualTo(stub.requests.get(0).body());
        assertThat(timer.sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void createUploadWhenConnectionRefusedThenRetriedBecauseNothingWasSent() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        MuxUnavailableException e = catchThrowableOfType(MuxUnavailableException.class,
                () -> client(properties(closed, Duration.ofSeconds(1), 2, Duration.ofSeconds(30)))
                        .createUpload(signedUpload()));

        assertThat(timer.sleeps).hasSize(2);
        assertThat(e.muxStatus()).isZero();
    }

    @Test
    void rateLimitedWithRetryAfterBeyondBudgetThenUnavailableRightAwayWithThatRetryAfter() {
        stub.on("GET", "/video/v1/assets/" + ASSET_ID,
                Answer.of(429, "error-429.json").withHeader("Retry-After", "60"));

        MuxUnavailableException e = catchThrowableOfType(MuxUnavailableException.class,
                () -> client(properties(stub.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofSeconds(10)))
                        .getAsset(ASSET_ID));

        assertThat(stub.requests).hasSize(1);
        assertThat(timer.sleeps).isEmpty();
        assertThat(e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
    }

    @Test
    void rateLimitedOnEveryTryThenUnavailableAfterMaxRetries() {
        stub.on("POST", UPLOADS, Answer.of(429, "error-429.json").withHeader("retry-after-ms", "20"));

        MuxUnavailableException e = catchThrowableOfType(MuxUnavailableException.class,
                () -> client().createUpload(signedUpload()));

        assertThat(stub.requests).hasSize(4);
        assertThat(timer.sleeps).containsOnly(Duration.ofMillis(20)).hasSize(3);
        assertThat(e.muxStatus()).isEqualTo(429);
    }

    // error mapping

    @Test
    void badRequestThenRejectedAs502CarryingMuxTypeAndMessages() {
        stub.on("POST", UPLOADS, Answer.of(400, "error-400.json"));

        MuxRejectedException e = catchThrowableOfType(MuxRejectedException.class,
                () -> client().createUpload(signedUpload()));

        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(e.getBody().getType()).isEqualTo(URI.create("https://lectern.dev/problems/mux-rejected"));
        assertThat(e.getBody().getDetail()).doesNotContain("Free plan");
        assertThat(e.muxStatus()).isEqualTo(400);
        assertThat(e.muxErrorType()).isEqualTo("invalid_parameters");
        assertThat(e.muxMessages()).singleElement().asString().startsWith("Free plan is limited to 10 assets");
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void unauthorizedThenRejectedAs502WithoutRetry() {
        stub.on("GET", "/video/v1/assets/" + ASSET_ID, Answer.of(401, "error-401.json"));

        MuxRejectedException e = catchThrowableOfType(MuxRejectedException.class,
                () -> client().getAsset(ASSET_ID));

        assertThat(e.muxStatus()).isEqualTo(401);
        assertThat(e.muxErrorType()).isEqualTo("unauthorized");
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void unknownAssetThenNotFoundForCallersToHandle() {
        stub.on("GET", "/video/v1/assets/nope", Answer.of(404, "error-404.json"));

        MuxNotFoundException e = catchThrowableOfType(MuxNotFoundException.class, () -> client().getAsset("nope"));

        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(e.muxErrorType()).isEqualTo("not_found");
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void unreadableSuccessBodyThenRejectedNotACrash() {
        stub.on("GET", "/video/v1/assets/" + ASSET_ID, new Answer(200, "<html>oops</html>", java.util.Map.of(), 0));

        assertThatThrownBy(() -> client().getAsset(ASSET_ID)).isInstanceOf(MuxRejectedException.class);
    }

    // secrets

    @Test
    void secretNeverAppearsInToStringOrLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger(MuxClient.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            stub.on("POST", UPLOADS, Answer.of(401, "error-401.json"));
            stub.on("GET", "/video/v1/assets/" + ASSET_ID, Answer.of(503, "error-500.json"));
            MuxClient client = client();
            assertThatThrownBy(() -> client.createUpload(signedUpload())).isInstanceOf(MuxRejectedException.class);
            assertThatThrownBy(() -> client.getAsset(ASSET_ID)).isInstanceOf(MuxUnavailableException.class);

            String basic = Base64.getEncoder().encodeToString((TOKEN_ID + ":" + TOKEN_SECRET).getBytes(StandardCharsets.UTF_8));
            assertThat(appender.list).isNotEmpty();
            assertThat(appender.list).allSatisfy(event -> assertThat(event.getFormattedMessage())
                    .doesNotContain(TOKEN_SECRET).doesNotContain(basic));
            assertThat(client.toString()).doesNotContain(TOKEN_SECRET).contains(TOKEN_ID);
            MuxProperties properties = properties(stub.baseUrl(), Duration.ofSeconds(1), 1, Duration.ofSeconds(1));
            assertThat(properties.toString()).doesNotContain(TOKEN_SECRET).contains("tokenSecret=******");
        } finally {
            logger.detachAppender(appender);
        }
    }
}
