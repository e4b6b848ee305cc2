package dev.lectern.platform.bench;

import dev.lectern.muxemulator.Webhooks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook deliveries as Mux makes them, for benchmarks that play Mux: a fresh event id each time, the lecture id as
 * {@code passthrough}, and a {@code Mux-Signature} of now with the platform's webhook secret.
 */
final class MuxDeliveries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String secret;

    MuxDeliveries(String webhookSecret) {
        this.secret = webhookSecret;
    }

    /** {@code video.asset.created} for the lecture: the lecture is processing. */
    HttpRequest assetCreated(URI base, String lectureId) {
        return delivery(base, "video.asset.created", lectureId, Map.of("status", "preparing"));
    }

    /** {@code video.asset.ready} for the lecture, {@code durationSeconds} long. */
    HttpRequest assetReady(URI base, String lectureId, double durationSeconds) {
        return delivery(base, "video.asset.ready", lectureId, Map.of("status", "ready", "duration", durationSeconds,
                "aspect_ratio", "16:9", "resolution_tier", "1080p"));
    }

    private HttpRequest delivery(URI base, String type, String lectureId, Map<String, Object> fields) {
        String assetId = "bench-asset-" + lectureId;
        Map<String, Object> data = new java.util.HashMap<>(fields);
        data.putAll(Map.of("id", assetId, "passthrough", lectureId, "upload_id", "bench-upload-" + lectureId,
                "playback_ids", List.of(Map.of("id", "bench-playback-" + lectureId, "policy", "signed"))));
        Map<String, Object> envelope = Map.of("type", type, "id", UUID.randomUUID().toString(),
                "created_at", Instant.now().toString(), "object", Map.of("type", "asset", "id", assetId),
                "environment", Map.of("name", "Bench", "id", "bench"), "data", data, "attempts", List.of());
        byte[] body = JSON.writeValueAsBytes(envelope);
        return HttpRequest.newBuilder(base.resolve("/webhooks/mux")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Mux-Signature", Webhooks.signatureHeader(secret, Instant.now(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
