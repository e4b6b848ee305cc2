package dev.lectern.platform.e2e;

import static dev.lectern.platform.e2e.Api.bearer;
import static dev.lectern.platform.e2e.Api.json;
import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.contracts.EventCodec;
import dev.lectern.contracts.Topics;
import dev.lectern.contracts.asset.AssetEvent;
import dev.lectern.muxemulator.Delivery;
import dev.lectern.muxemulator.MuxEmulator;
import dev.lectern.muxemulator.Webhooks;
import dev.lectern.platform.LocalPlatform;
import dev.lectern.platform.Service;
import dev.lectern.platform.e2e.Accounts.Tokens;
import dev.lectern.testkit.Eventually;
import dev.lectern.testkit.KafkaTestConsumer;
import dev.lectern.testkit.TestVideos;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The video pipeline through the gateway on the real platform with the Mux emulator (issue: the video pipeline):
 * uploads (direct, multipart, batch) of real MP4s, signed webhooks through Kafka to the lecture's state, signed
 * playback, and what happens when webhooks are tampered with, duplicated, reordered or arrive while Kafka is down.
 */
class VideoPipelineIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(45);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalPlatform platform = SharedPlatform.get();
    private final MuxEmulator mux = platform.muxEmulator().orElseThrow();
    private final Api api = Api.gateway();
    /** Polling goes straight to course-service: the gateway's per-user rate limit is not under test here. */
    private final Api courseService = Api.direct(platform.url(Service.COURSE));
    private final Tokens instructor = Accounts.login(Accounts.register("instructor"));

    @Test
    void directUploadOfAnMp4MakesTheLectureReadyWithItsDurationAndTheCourseTotalsFollow() {
        String courseId = course("Direct upload");
        String lectureId = lecture(courseId, "Three seconds", false);

        JsonNode upload = startUpload(lectureId);
        awaitVideoState(courseId, lectureId, "uploading");
        put(URI.create(upload.path("upload_url").asString()), TestVideos.THREE_SECONDS.bytes());

        JsonNode ready = awaitVideoState(courseId, lectureId, "ready");
        assertThat(ready.path("duration_seconds").asDouble()).isEqualTo(TestVideos.THREE_SECONDS.durationSeconds());
        JsonNode course = ok(api.get("/api/v1/courses/" + courseId, bearer(instructor.accessToken())));
        assertThat(course.path("lecture_count").asInt()).isEqualTo(1);
        assertThat(course.path("total_duration_seconds").asDouble()).isEqualTo(3.0);
    }

    @Test
    void enrolledStudentGetsPlaybackWhoseTokenVerifiesAndFetchesTheStreamWhileOthersGet403() throws Exception {
        String courseId = course("Playback");
        String lectureId = readyLecture(courseId, "Watch me", false, TestVideos.FIVE_SECONDS);
        publish(courseId);
        Tokens student = Accounts.login(Accounts.register("student"));
        Tokens outsider = Accounts.login(Accounts.register("student"));
        Eventually.assertThat(EVENTUAL, () -> assertThat(api.post("/api/v1/subscriptions", json("course_id", courseId),
                bearer(student.accessToken())).status()).isIn(201, 409));

        JsonNode playback = Eventually.value(EVENTUAL, () -> {
            Api.Response r = api.get("/api/v1/lectures/" + lectureId + "/playback", bearer(student.accessToken()));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json();
        });

        String hls = playback.path("hls_url").asString();
        assertThat(hls).startsWith(mux.streamBaseUrl() + "/" + playback.path("playback_id").asString() + ".m3u8?token=");
        Jws<Claims> token = Jwts.parser().verifyWith(signingPublicKey()).build()
                .parseSignedClaims(hls.substring(hls.indexOf("token=") + 6));
        assertThat(token.getHeader().getAlgorithm()).isEqualTo("RS256");
        assertThat(token.getHeader().getKeyId()).isNotBlank();
        assertThat(token.getPayload().getSubject()).isEqualTo(playback.path("playback_id").asString());
        assertThat(token.getPayload().getAudience()).containsExactly("v");
        assertThat(token.getPayload().getExpiration().toInstant())
                .isEqualTo(Instant.parse(playback.path("expires_at").asString()))
                .isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(30)));

        HttpResponse<String> playlist = get(URI.create(hls));
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.body()).startsWith("#EXTM3U");
        String segment = playlist.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
        assertThat(get(URI.create(hls).resolve(segment)).statusCode()).isEqualTo(200);
        assertThat(get(URI.create(playback.path("thumbnail_url").asString())).statusCode()).isEqualTo(200);
        assertThat(get(URI.create(hls.replace("token=", "token=x"))).statusCode()).isEqualTo(403);

        assertProblem(api.get("/api/v1/lectures/" + lectureId + "/playback", bearer(outsider.accessToken())), 403,
                "forbidden");
    }

    @Test
    void multipartUploadCreatesTheLectureAndStreamsTheFileToMux() {
        String courseId = course("Multipart");
        Multipart form = new Multipart().field("title", "Uploaded through the API").field("free_preview", "true")
                .file("lecture_file", "lecture.mp4", "video/mp4", TestVideos.THREE_SECONDS.bytes());

        Api.Response created = api.send("POST", "/api/v1/courses/" + courseId + "/lectures/upload", form.body(),
                bearer(instructor.accessToken()));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String lectureId = created.json().path("lecture_id").asString();
        assertThat(created.json().path("bytes").asLong()).isEqualTo(TestVideos.THREE_SECONDS.bytes().length);
        JsonNode ready = awaitVideoState(courseId, lectureId, "ready");
        assertThat(ready.path("title").asString()).isEqualTo("Uploaded through the API");
        assertThat(ready.path("duration_seconds").asDouble()).isEqualTo(3.0);
    }

    @Test
    void batchUploadTakesEveryGoodFileAndReportsTheBadOne() {
        String courseId = course("Batch");
        String data = Api.JSON.writeValueAsString(List.of(json("title", "First"), json("title", "Not a video"),
                json("title", "Third")));
        Multipart form = new Multipart().field("lectures_data", data)
                .file("lectures_files", "one.mp4", "video/mp4", TestVideos.THREE_SECONDS.bytes())
                .file("lectures_files", "notes.txt", "video/mp4", "just some text, not a video".getBytes(StandardCharsets.UTF_8))
                .file("lectures_files", "three.mp4", "video/mp4", TestVideos.FIVE_SECONDS.bytes());

        Api.Response accepted = api.send("POST", "/api/v1/courses/" + courseId + "/lectures/batch-upload", form.body(),
                bearer(instructor.accessToken()));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode results = accepted.json().path("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("status").asString()).isEqualTo("uploaded");
        assertThat(results.get(1).path("status").asString()).isEqualTo("failed");
        assertThat(results.get(1).path("error").path("status").asInt()).isEqualTo(415);
        assertThat(results.get(2).path("status").asString()).isEqualTo("uploaded");
        awaitVideoState(courseId, results.get(0).path("lecture_id").asString(), "ready");
        JsonNode third = awaitVideoState(courseId, results.get(2).path("lecture_id").asString(), "ready");
        assertThat(third.path("duration_seconds").asDouble()).isEqualTo(5.0);
        JsonNode lectures = ok(courseService.get("/api/v1/courses/" + courseId + "/lectures",
                bearer(instructor.accessToken())));
        assertThat(lectures).hasSize(2);
    }

    @Test
    void tamperedOrStaleWebhooksAre401AndPublishNothing() {
        String body = "{\"type\":\"video.asset.ready\",\"id\":\"" + UUID.randomUUID() + "\",\"data\":{\"passthrough\":\""
                + UUID.randomUUID() + "\"}}";
        long now = Instant.now().getEpochSecond();

        Api.Response tampered = webhook(body.replace("ready", "errored"), signature(body, now));
        Api.Response stale = webhook(body, signature(body, now - 600));
        Api.Response unsigned = webhook(body, null);

        assertProblem(tampered, 401, "unauthorized");
        assertProblem(stale, 401, "unauthorized");
        assertProblem(unsigned, 401, "unauthorized");
        assertThat(webhook(body, signature(body, now)).status()).isEqualTo(200);
    }

    @Test
    void duplicatedAndReorderedWebhooksLeaveTheLectureReady() {
        String courseId = course("Duplicates and reordering");
        String lectureId = lecture(courseId, "Shuffled", false);
        JsonNode upload = startUpload(lectureId);
        mux.webhooks().duplicateEach(2);
        mux.webhooks().reorder(true);
        try {
            put(URI.create(upload.path("upload_url").asString()), TestVideos.THREE_SECONDS.bytes());
            mux.webhooks().awaitDelivered("video.upload.asset_created", lectureId, EVENTUAL);
        } finally {
            mux.webhooks().duplicateEach(0);
            mux.webhooks().reorder(false);
        }

        JsonNode ready = awaitVideoState(courseId, lectureId, "ready");
        assertThat(ready.path("duration_seconds").asDouble()).isEqualTo(3.0);
        List<Delivery> mine = mux.webhooks().deliveries().stream().filter(d -> lectureId.equals(d.passthrough())).toList();
        assertThat(mine).anyMatch(d -> d.copy() > 0 && d.succeeded());
        Instant readyAt = firstSuccess(mine, "video.asset.ready");
        Instant assetCreatedAt = firstSuccess(mine, "video.upload.asset_created");
        assertThat(readyAt).isBeforeOrEqualTo(assetCreatedAt);
        Eventually.assertThat(EVENTUAL, () -> assertThat(ok(api.get("/api/v1/courses/" + courseId,
                bearer(instructor.accessToken()))).path("lecture_count").asInt()).isEqualTo(1));
    }

    @Test
    void whileKafkaIsDownWebhooksGet503AndMuxRetriesLandOnceItIsBack() {
        String courseId = course("Kafka outage");
        String lectureId = lecture(courseId, "Delivered late", false);
        JsonNode upload = startUpload(lectureId);
        awaitVideoState(courseId, lectureId, "uploading");

        platform.stopKafka();
        try {
            put(URI.create(upload.path("upload_url").asString()), TestVideos.THREE_SECONDS.bytes());
            Eventually.assertThat(EVENTUAL, () -> assertThat(mux.webhooks().deliveries().stream()
                    .filter(d -> lectureId.equals(d.passthrough())))
                    .anyMatch(d -> Integer.valueOf(503).equals(d.status())));
        } finally {
            platform.startKafka();
        }

        awaitVideoState(courseId, lectureId, "ready");
        List<Delivery> mine = mux.webhooks().deliveries().stream().filter(d -> lectureId.equals(d.passthrough())).toList();
        for (Delivery refused : mine.stream().filter(d -> !d.succeeded()).toList()) {
            assertThat(mine).as("event %s refused with %s was accepted later", refused.eventId(), refused.status())
                    .anyMatch(d -> d.eventId().equals(refused.eventId()) && d.succeeded());
        }
        Set<String> acknowledged = mine.stream().filter(Delivery::succeeded)
                .map(d -> AssetEvent.eventIdOf(d.eventId()).toString()).collect(Collectors.toSet());
        try (KafkaTestConsumer assets = KafkaTestConsumer.fromBeginning(platform.kafkaBootstrapServers(),
                Topics.ASSET_LIFECYCLE)) {
            Eventually.assertThat(EVENTUAL, () -> assertThat(assets.records().stream()
                    .filter(r -> lectureId.equals(r.key()))
                    .map(r -> KafkaTestConsumer.header(r, EventCodec.EVENT_ID_HEADER)))
                    .as("every acknowledged webhook is on the asset topic").containsAll(acknowledged));
        }
    }

    // helpers

    private String course(String title) {
        Api.Response created = api.post("/api/v1/courses", json("title", title, "category", "e2e-video"),
                bearer(instructor.accessToken()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private String lecture(String courseId, String title, boolean freePreview) {
        Api.Response created = api.post("/api/v1/courses/" + courseId + "/lectures",
                json("title", title, "free_preview", freePreview), bearer(instructor.accessToken()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private void publish(String courseId) {
        Api.Response published = api.post("/api/v1/courses/" + courseId + "/publish", null,
                bearer(instructor.accessToken()));
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
    }

    private String readyLecture(String courseId, String title, boolean freePreview, TestVideos video) {
        String lectureId = lecture(courseId, title, freePreview);
        put(URI.create(startUpload(lectureId).path("upload_url").asString()), video.bytes());
        awaitVideoState(courseId, lectureId, "ready");
        return lectureId;
    }

    /** media-service learns of a new lecture through Kafka: until then the upload answers 404. */
    private JsonNode startUpload(String lectureId) {
        return Eventually.value(EVENTUAL, () -> {
            Api.Response created = Api.gateway().post("/api/v1/lectures/" + lectureId + "/uploads", null,
                    bearer(instructor.accessToken()));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.json();
        });
    }

    private JsonNode awaitVideoState(String courseId, String lectureId, String state) {
        return Eventually.value(EVENTUAL, () -> {
            JsonNode lectures = ok(courseService.get("/api/v1/courses/" + courseId + "/lectures",
                    bearer(instructor.accessToken())));
            JsonNode lecture = null;
            for (JsonNode l : lectures) {
                if (l.path("id").asString().equals(lectureId)) {
                    lecture = l;
                }
            }
            assertThat(lecture).as("lecture " + lectureId).isNotNull();
            assertThat(lecture.path("video_state").asString()).isEqualTo(state);
            return lecture;
        });
    }

    private static Instant firstSuccess(List<Delivery> deliveries, String type) {
        return deliveries.stream().filter(d -> d.type().equals(type) && d.succeeded()).map(Delivery::at).min(
                Instant::compareTo).orElseThrow(() -> new AssertionError("no delivered " + type));
    }

    private Api.Response webhook(String body, String signature) {
        return signature == null
                ? api.send("POST", "/webhooks/mux", new Api.RawBody("application/json", body.getBytes(StandardCharsets.UTF_8)))
                : api.send("POST", "/webhooks/mux", new Api.RawBody("application/json", body.getBytes(StandardCharsets.UTF_8)),
                "Mux-Signature", signature);
    }

    private String signature(String body, long timestamp) {
        return Webhooks.signatureHeader(platform.muxWebhookSecret(), Instant.ofEpochSecond(timestamp),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The public half of the key media-service signs playback tokens with (Mux hands out a PKCS#1 PEM). */
    private PublicKey signingPublicKey() throws Exception {
        String pem = new String(Base64.getDecoder().decode(platform.muxSigningKey().orElseThrow().privateKey()),
                StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        RSAPrivateKey key = RSAPrivateKey.getInstance(der);
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(),
                key.getPublicExponent()));
    }

    private static void put(URI uploadUrl, byte[] file) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uploadUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build());
        assertThat(response.statusCode()).as("PUT upload url: " + response.body()).isBetween(200, 299);
    }

    private static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
