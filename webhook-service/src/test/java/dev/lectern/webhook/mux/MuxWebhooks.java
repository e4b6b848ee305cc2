package dev.lectern.webhook.mux;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Builds Mux deliveries for tests: the realistic bodies of the reference and their signatures. */
final class MuxWebhooks {

    static final String DEV_SECRET = "lectern-dev-mux-webhook-secret";

    private MuxWebhooks() {
    }

    static String signature(String secret, String body, Instant at) {
        String t = Long.toString(at.getEpochSecond());
        return "t=" + t + ",v1=" + MuxSignatureVerifier.sign(secret.getBytes(StandardCharsets.UTF_8), t,
                body.getBytes(StandardCharsets.UTF_8));
    }

    static String signature(String body) {
        return signature(DEV_SECRET, body, Instant.now());
    }

    /** The realistic {@code video.asset.ready} delivery of mux-api.md §6.5, with our ids. */
    static String assetReady(String muxEventId, UUID lectureId, String attempts) {
        return """
                {
                  "type": "video.asset.ready",
                  "request_id": null,
                  "object": {"type": "asset", "id": "d67h5rEZl02A5302VZ2Sx01frHf1tuJoDvbuuPNb8Gjza8"},
                  "id": "%s",
                  "environment": {"name": "Production", "id": "55g0gl"},
                  "data": {
                    "id": "d67h5rEZl02A5302VZ2Sx01frHf1tuJoDvbuuPNb8Gjza8",
                    "status": "ready",
                    "created_at": 1718058159,
                    "duration": 153.361542,
                    "aspect_ratio": "16:9",
                    "upload_id": "UgDk8NMzRVkm56PG6qJ12YepMMbRNl7G4qY8u00X3Ths",
                    "passthrough": "%s",
                    "playback_ids": [{"policy": "signed", "id": "9P57BUhqIjJNi4RKPR02XVZmAYSSjuj6tVOK6DDe7MgM"}],
                    "ingest_type": "on_demand_direct_upload",
                    "video_quality": "basic",
                    "encoding_tier": "baseline",
                    "resolution_tier": "1080p",
                    "max_resolution_tier": "1080p",
                    "max_stored_resolution": "HD",
                    "max_stored_frame_rate": 29.97,
                    "master_access": "none",
                    "mp4_support": "none",
                    "progress": {"state": "completed", "progress": 100},
                    "non_standard_input_reasons": {"video_codec": "hevc"},
                    "tracks": [
                      {"type": "video", "id": "KgoatJIuRS02017InREUyn00cwPm02m5I7EILKJxhYGJzRA",
                       "max_width": 1920, "max_height": 1080, "max_frame_rate": 29.97, "duration": 153.361542},
                      {"type": "audio", "id": "Bn1OPQX02FQt6psksgcTi01xVQCUIMNB1MXIbloHjfKflVG6M00BbTriQ",
                       "status": "ready", "primary": true, "name": "Default", "language_code": "und", "max_channels": 2}
                    ]
                  },
                  "created_at": "2024-06-10T22:22:41.488000Z",
                  "attempts": %s,
                  "accessor_source": null,
                  "accessor": null
                }""".formatted(muxEventId, lectureId, attempts);
    }

    static String assetReady(String muxEventId, UUID lectureId) {
        return assetReady(muxEventId, lectureId, "[]");
    }

    /** A second attempt's {@code attempts} entry: the body (and so the signature) differ from the first. */
    static String oneFailedAttempt() {
        return """
                [{"webhook_id":44699,"response_status_code":503,"response_headers":{},"response_body":"",\
                "max_attempts":30,"id":"c88d3d1c-daef-484e-8214-ee7c8924f32d",\
                "created_at":"2024-06-10T22:22:42.000000Z","address":"https://example.com/webhooks/mux"}]""";
    }

    /** The captured {@code video.upload.asset_created} shape of mux-api.md §6.5. */
    static String uploadAssetCreated(String muxEventId, String passthrough) {
        return """
                {"type":"video.upload.asset_created","request_id":null,
                 "object":{"type":"upload","id":"602229EJsGGo8epvgmH8qMsAjDLammVK4CgHnP8Pnvpo"},
                 "id":"%s",
                 "environment":{"name":"Production","id":"55g0gl"},
                 "data":{"id":"602229EJsGGo8epvgmH8qMsAjDLammVK4CgHnP8Pnvpo","status":"asset_created","timeout":3600,
                         "cors_origin":"*","asset_id":"nIBvNd01huS4qQFB7tL76L2xALOc01nzH4TQsUmV8n7ys",
                         "new_asset_settings":{"playback_policies":["signed"],"passthrough":"%s",
                                               "max_resolution_tier":"1080p","encoding_tier":"baseline"}},
                 "created_at":"2024-06-10T22:24:01.561000Z","attempts":[],"accessor_source":null,"accessor":null}"""
                .formatted(muxEventId, passthrough);
    }
}
