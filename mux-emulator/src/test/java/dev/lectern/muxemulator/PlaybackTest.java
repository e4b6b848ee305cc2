package dev.lectern.muxemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.lectern.muxemulator.MuxHttp.Answer;
import dev.lectern.testkit.TestVideos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlaybackTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant LATER = Instant.now().plus(Duration.ofHours(1));

    private static MuxEmulator mux;
    private static MuxHttp http;
    private static SigningKey key;
    private static PrivateKey privateKey;
    private static String signed;
    private static String assetId;

    @BeforeAll
    static void uploadASignedVideo() throws Exception {
        mux = MuxEmulator.start(MuxEmulatorSettings.builder().processingDelay(Duration.ofMillis(50)).build());
        http = new MuxHttp(mux);
        key = mux.createSigningKey();
        privateKey = Tokens.load(key.privateKey());
        JsonNode upload = http.createUpload(UUID.randomUUID().toString());
        http.put(upload.path("url").asString(), TestVideos.THREE_SECONDS.bytes(), null);
        assetId = mux.assetIdOfUpload(upload.path("id").asString()).orElseThrow();
        awaitStatus(assetId, "ready");
        signed = http.api("GET", "/video/v1/assets/" + assetId, null).data().path("playback_ids").get(0)
                .path("id").asString();
    }

    @AfterAll
    static void stop() {
        mux.close();
    }

    private static void awaitStatus(String asset, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!mux.assetStatus(asset).orElse("").equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("asset " + asset + " not " + status);
            }
            Thread.sleep(20);
        }
    }

    private static String token(String sub, String aud) throws Exception {
        return Tokens.sign(privateKey, key.id(), sub, aud, LATER);
    }

    private static String stream(String playbackId, String token) {
        return mux.streamBaseUrl() + "/" + playbackId + ".m3u8" + (token == null ? "" : "?token=" + token);
    }

    @Test
    void signedPlaybackWithAGoodTokenThenMultivariantAndFmp4PlaylistWhoseInitAndSegmentsNeedTheToken() throws Exception {
        Answer multivariant = http.get(stream(signed, token(signed, "v")));
        assertThat(multivariant.status()).isEqualTo(200);
        assertThat(multivariant.header("Content-Type")).isEqualTo("application/vnd.apple.mpegurl");
        assertThat(multivariant.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(multivariant.body()).startsWith("#EXTM3U").contains("#EXT-X-STREAM-INF:");
        String rendition = uris(multivariant.body()).getFirst();
        assertThat(rendition).startsWith(signed + "/rendition.m3u8?token=");

        URI base = URI.create(stream(signed, null));
        Answer playlist = http.get(base.resolve(rendition).toString());
        assertThat(playlist.status()).isEqualTo(200);
        assertThat(playlist.body()).startsWith("#EXTM3U").contains("#EXT-X-ENDLIST");
        double total = playlist.body().lines().filter(l -> l.startsWith("#EXTINF:"))
                .mapToDouble(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).sum();
        assertThat(total).isCloseTo(3.0, org.assertj.core.api.Assertions.within(0.05));

        URI renditionUri = base.resolve(rendition);
        String map = playlist.body().lines().filter(l -> l.startsWith("#EXT-X-MAP:URI=")).findFirst().orElseThrow();
        String init = map.substring(map.indexOf('"') + 1, map.lastIndexOf('"'));
        assertThat(renditionUri.resolve(init).getPath()).isEqualTo("/stream/" + signed + "/init.mp4");
        String segment = uris(playlist.body()).getFirst();
        assertThat(renditionUri.resolve(segment).getPath()).isEqualTo("/stream/" + signed + "/0.m4s");
        assertThat(segment).contains("?token=");

        HttpResponse<byte[]> initAnswer = http.bytes(renditionUri.resolve(init), null);
        assertThat(initAnswer.statusCode()).isEqualTo(200);
        assertThat(initAnswer.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(new String(initAnswer.body(), 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");

        HttpResponse<byte[]> media = http.bytes(renditionUri.resolve(segment), null);
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.headers().firstValue("Content-Type")).hasValue("video/iso.segment");
        assertThat(new String(media.body(), 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("moof");

        assertThat(http.get(mux.streamBaseUrl() + "/" + signed + "/rendition.m3u8").status()).isEqualTo(403);
        assertThat(http.get(mux.streamBaseUrl() + "/" + signed + "/0.m4s").status()).isEqualTo(403);
        assertThat(http.get(mux.streamBaseUrl() + "/" + signed + "/init.mp4").status()).isEqualTo(403);
        assertThat(http.get(mux.streamBaseUrl() + "/" + signed + "/99.m4s?token=" + token(signed, "v")).status())
                .isEqualTo(404);
    }

    @Test
    void multivariantCarriesTheUploadsCodecsResolutionAndBandwidthMeasuredFromItsSegments() throws Exception {
        String body = http.get(stream(signed, token(signed, "v"))).body();
        String info = body.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).findFirst().orElseThrow();
        // lecture-3s.mp4: H.264 High level 1.0 (avcC 64 00 0a) and AAC LC, 160x120
        assertThat(info).contains("CODECS=\"mp4a.40.2,avc1.64000a\"").contains("RESOLUTION=160x120")
                .contains("CLOSED-CAPTIONS=NONE").doesNotContain("SUBTITLES");

        URI rendition = URI.create(stream(signed, null)).resolve(uris(body).getFirst());
        String playlist = http.get(rendition.toString()).body();
        List<String> segments = uris(playlist);
        List<Double> durations = playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .map(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).toList();
        long bytes = 0;
        double peak = 0;
        for (int i = 0; i < segments.size(); i++) {
            long size = http.bytes(rendition.resolve(segments.get(i)), null).body().length;
            bytes += size;
            peak = Math.max(peak, size * 8 / durations.get(i));
        }
        double seconds = durations.stream().mapToDouble(Double::doubleValue).sum();
        // the playlist shows durations to the millisecond, the emulator measures with the exact ones
        assertThat(attribute(info, "AVERAGE-BANDWIDTH")).isCloseTo((long) (bytes * 8 / seconds), withinPercentage(0.1));
        assertThat(attribute(info, "BANDWIDTH")).isCloseTo((long) peak, withinPercentage(0.1))
                .isGreaterThanOrEqualTo(attribute(info, "AVERAGE-BANDWIDTH"));
    }

    @Test
    void segmentsAndInitHonourRangesWithTheSameBytesAsTheWholeSegment() throws Exception {
        URI segment = URI.create(mux.streamBaseUrl() + "/" + signed + "/0.m4s?token=" + token(signed, "v"));
        HttpResponse<byte[]> whole = http.bytes(segment, null);
        byte[] full = whole.body();
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(full.length);

        HttpResponse<byte[]> moofHeader = http.bytes(segment, "bytes=0-7");
        assertThat(moofHeader.statusCode()).isEqualTo(206);
        assertThat(moofHeader.headers().firstValue("Content-Range")).hasValue("bytes 0-7/" + full.length);
        assertThat(moofHeader.body()).isEqualTo(Arrays.copyOfRange(full, 0, 8));

        // a range across the moof/mdat boundary and into the samples, one inside the samples, and the tail
        for (String range : new String[] {"bytes=100-5000", "bytes=3000-3999", "bytes=-333", "bytes=1200-"}) {
            HttpResponse<byte[]> part = http.bytes(segment, range);
            String[] bounds = part.headers().firstValue("Content-Range").orElseThrow().substring(6).split("[-/]");
            int from = Integer.parseInt(bounds[0]);
            int to = Integer.parseInt(bounds[1]);
            assertThat(part.statusCode()).as(range).isEqualTo(206);
            assertThat(part.body()).as(range).isEqualTo(Arrays.copyOfRange(full, from, to + 1));
        }
        HttpResponse<byte[]> beyond = http.bytes(segment, "bytes=" + full.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + full.length);

        URI init = URI.create(mux.streamBaseUrl() + "/" + signed + "/init.mp4?token=" + token(signed, "v"));
        byte[] initBytes = http.bytes(init, null).body();
        HttpResponse<byte[]> initTail = http.bytes(init, "bytes=-16");
        assertThat(initTail.statusCode()).isEqualTo(206);
        assertThat(initTail.body()).isEqualTo(Arrays.copyOfRange(initBytes, initBytes.length - 16, initBytes.length));
    }

    private static List<String> uris(String playlist) {
        return playlist.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static long attribute(String tag, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[:,]" + name + "=(\\d+)").matcher(tag);
        assertThat(m.find()).as(name + " in " + tag).isTrue();
        return Long.parseLong(m.group(1));
    }


    @Test
    void originalMp4ServesTheUploadWithRangesForAVideoElement() throws Exception {
        URI original = URI.create(mux.streamBaseUrl() + "/" + signed + "/original.mp4?token=" + token(signed, "v"));
        HttpResponse<byte[]> video = http.send(HttpRequest.newBuilder(original).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(video.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(video.body()).isEqualTo(TestVideos.THREE_SECONDS.bytes());

        HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(original).header("Range", "bytes=4-11").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.ISO_8859_1)).isEqualTo("ftypisom");
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 4-11/" + video.body().length);

        HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(original).header("Range", "bytes=-10").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).hasSize(10);
        assertThat(http.send(HttpRequest.newBuilder(original).header("Range", "bytes=999999-").GET().build()).status())
                .isEqualTo(416);

        URI withoutToken = URI.create(mux.streamBaseUrl() + "/" + signed + "/original.mp4");
        assertThat(http.send(HttpRequest.newBuilder(withoutToken).GET().build()).status()).isEqualTo(403);
    }

    @Test
    void signedPlaybackWithoutOrWithABadTokenThen403() throws Exception {
        assertThat(http.get(stream(signed, null)).status()).isEqualTo(403);
        assertThat(http.get(stream(signed, "not-a-jwt")).status()).isEqualTo(403);
        assertThat(http.get(stream(signed, Tokens.sign(privateKey, "unknown-kid", signed, "v", LATER))).status())
                .isEqualTo(403);
        assertThat(http.get(stream(signed, Tokens.sign(privateKey, key.id(), signed, "v", Instant.now().minusSeconds(5))))
                .status()).isEqualTo(403);
        assertThat(http.get(stream(signed, token(signed, "t"))).status()).isEqualTo(403);
        assertThat(http.get(stream(signed, token("another-playback-id", "v"))).status()).isEqualTo(403);

        PrivateKey otherKey = Tokens.load(mux.createSigningKey().privateKey());
        Answer forged = http.get(stream(signed, Tokens.sign(otherKey, key.id(), signed, "v", LATER)));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().path("error").path("messages").get(0).asString()).contains("signature");
    }

    @Test
    void thumbnailAndStoryboardNeedTheirOwnAudience() throws Exception {
        String thumbnail = mux.imageBaseUrl() + "/" + signed + "/thumbnail.jpg?token=";
        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(URI.create(thumbnail + token(signed, "t"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(decoded.getWidth() * 3).isEqualTo(decoded.getHeight() * 4);
        assertThat(http.get(thumbnail + token(signed, "v")).status()).isEqualTo(403);

        String png = mux.imageBaseUrl() + "/" + signed + "/thumbnail.png?token=" + token(signed, "t");
        assertThat(http.get(png).header("Content-Type")).isEqualTo("image/png");

        Answer storyboard = http.get(mux.imageBaseUrl() + "/" + signed + "/storyboard.vtt?token=" + token(signed, "s"));
        assertThat(storyboard.status()).isEqualTo(200);
        assertThat(storyboard.body()).startsWith("WEBVTT").contains("storyboard.jpg?token=").contains("#xywh=");
        assertThat(http.get(mux.imageBaseUrl() + "/" + signed + "/storyboard.vtt?token=" + token(signed, "t")).status())
                .isEqualTo(403);
    }

    @Test
    void publicPlaybackIdNeedsNoTokenAndADeletedOneIsGone() {
        Answer added = http.api("POST", "/video/v1/assets/" + assetId + "/playback-ids", "{\"policy\":\"public\"}");
        String pub = added.data().path("id").asString();
        assertThat(http.get(stream(pub, null)).status()).isEqualTo(200);
        assertThat(http.get(mux.imageBaseUrl() + "/" + pub + "/thumbnail.jpg").status()).isEqualTo(200);

        http.api("DELETE", "/video/v1/assets/" + assetId + "/playback-ids/" + pub, null);
        assertThat(http.get(stream(pub, null)).status()).isEqualTo(404);
    }

    @Test
    void unknownPlaybackIdThen404() {
        Answer unknown = http.get(stream("NoSuchPlaybackId", null));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("type").asString()).isEqualTo("not_found");
    }

    @Test
    void erroredAssetThen412ForTheStream() throws Exception {
        JsonNode upload = http.createUpload(UUID.randomUUID().toString());
        http.put(upload.path("url").asString(), "no video here".getBytes(StandardCharsets.UTF_8), null);
        String errored = mux.assetIdOfUpload(upload.path("id").asString()).orElseThrow();
        awaitStatus(errored, "errored");
        String pid = http.api("GET", "/video/v1/assets/" + errored, null).data().path("playback_ids").get(0)
                .path("id").asString();
        assertThat(http.get(stream(pid, token(pid, "v"))).status()).isEqualTo(412);
    }

    @Test
    void licenseWithADrmTokenThen501AndOtherwise403() throws Exception {
        String widevine = mux.licenseBaseUrl() + "/widevine/" + signed + "?token=";
        Answer license = http.send(HttpRequest.newBuilder(URI.create(widevine + token(signed, "d")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build());
        assertThat(license.status()).isEqualTo(501);
        assertThat(license.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(license.json().path("title").asString()).isEqualTo("DRM licenses are not emulated");
        assertThat(http.get(mux.licenseBaseUrl() + "/license/widevine/" + signed + "?token=" + token(signed, "d"))
                .status()).isEqualTo(501);
        assertThat(http.get(mux.licenseBaseUrl() + "/appcert/fairplay/" + signed + "?token=" + token(signed, "d"))
                .status()).isEqualTo(501);
        assertThat(http.get(mux.baseUrl() + "/appcert/fairplay/" + signed + "?token=" + token(signed, "d"))
                .status()).isEqualTo(501);
        assertThat(http.get(widevine + token(signed, "v")).status()).isEqualTo(403);
        assertThat(http.get(mux.licenseBaseUrl() + "/widevine/unknown?token=x").status()).isEqualTo(404);
    }

    @Test
    void signingKeyFromTheApiIsAPkcs1PemThatSignsAcceptedTokens() throws Exception {
        Answer created = http.api("POST", "/system/v1/signing-keys", null);
        assertThat(created.status()).isEqualTo(201);
        String id = created.data().path("id").asString();
        String pem = new String(Base64.getDecoder().decode(created.data().path("private_key").asString()),
                StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").contains("-----END RSA PRIVATE KEY-----");

        PrivateKey apiKey = Tokens.load(created.data().path("private_key").asString());
        assertThat(http.get(stream(signed, Tokens.sign(apiKey, id, signed, "v", LATER))).status()).isEqualTo(200);
        assertThat(http.api("GET", "/system/v1/signing-keys/" + id, null).data().has("private_key")).isFalse();

        assertThat(http.api("DELETE", "/system/v1/signing-keys/" + id, null).status()).isEqualTo(204);
        assertThat(http.get(stream(signed, Tokens.sign(apiKey, id, signed, "v", LATER))).status()).isEqualTo(403);
    }

    @Test
    void registeredPublicKeyThenItsTokensAreAccepted() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        mux.registerSigningKey("media-service-key", (RSAPublicKey) pair.getPublic());
        String good = Tokens.sign(pair.getPrivate(), "media-service-key", signed, "v", LATER);
        assertThat(http.get(stream(signed, good)).status()).isEqualTo(200);
    }
}
