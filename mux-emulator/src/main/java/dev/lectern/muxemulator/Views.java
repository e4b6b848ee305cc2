package dev.lectern.muxemulator;

import dev.lectern.muxemulator.Store.AssetState;
import dev.lectern.muxemulator.Store.Errors;
import dev.lectern.muxemulator.Store.Media;
import dev.lectern.muxemulator.Store.PlaybackIdState;
import dev.lectern.muxemulator.Store.RenditionFile;
import dev.lectern.muxemulator.Store.Renditions;
import dev.lectern.muxemulator.Store.TrackState;
import dev.lectern.muxemulator.Store.UploadState;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON shapes of Mux's upload, asset, track and playback id objects (mux-api.md §2.3, §3.3, §3.5.4). */
final class Views {

    private Views() {
    }

    static ObjectNode upload(UploadState upload, String baseUrl) {
        ObjectNode node = Http.object();
        node.put("id", upload.id());
        if ("waiting".equals(upload.status())) {
            node.put("url", uploadUrl(upload, baseUrl));
        }
        node.put("timeout", upload.timeout());
        node.put("status", upload.status());
        if (upload.corsOrigin() != null) {
            node.put("cors_origin", upload.corsOrigin());
        }
        if (upload.assetId() != null) {
            node.put("asset_id", upload.assetId());
        }
        if (upload.newAssetSettings() != null) {
            node.set("new_asset_settings", upload.newAssetSettings().deepCopy());
        }
        if (upload.error() != null) {
            ObjectNode error = node.putObject("error");
            error.put("type", upload.error().type());
            error.put("message", upload.error().message());
        }
        node.put("test", upload.test());
        return node;
    }

    static String uploadUrl(UploadState upload, String baseUrl) {
        return baseUrl + "/upload/" + upload.id() + "?sig=" + upload.sig();
    }

    /**
     * An asset; {@code created_at} (and a static rendition's {@code filesize}) is a string in REST answers and a
     * number in webhooks, as Mux sends it.
     */
    static ObjectNode asset(AssetState asset, boolean webhook) {
        ObjectNode node = Http.object();
        node.put("id", asset.id());
        node.put("status", asset.status());
        if (webhook) {
            node.put("created_at", asset.createdAt());
        } else {
            node.put("created_at", Long.toString(asset.createdAt()));
        }
        Media media = asset.media();
        if (media != null) {
            node.put("duration", media.duration());
            if (media.width() != null) {
                node.put("aspect_ratio", aspectRatio(media.width(), media.height()));
                node.put("max_stored_resolution", storedResolution(media.width(), media.height()));
                if (media.frameRate() != null) {
                    node.put("max_stored_frame_rate", media.frameRate());
                }
            }
            node.put("resolution_tier", resolutionTier(media, asset.maxResolutionTier()));
        }
        ArrayNode ids = node.putArray("playback_ids");
        asset.playbackIds().forEach(id -> ids.add(playbackId(id)));
        if (asset.passthrough() != null) {
            node.put("passthrough", asset.passthrough());
        }
        if (asset.meta() != null) {
            node.set("meta", asset.meta().deepCopy());
        }
        if (asset.uploadId() != null) {
            node.put("upload_id", asset.uploadId());
            node.put("ingest_type", "on_demand_direct_upload");
        } else {
            node.put("ingest_type", "on_demand_url");
        }
        node.put("video_quality", asset.videoQuality());
        node.put("encoding_tier", "plus".equals(asset.videoQuality()) || "premium".equals(asset.videoQuality())
                ? "smart" : "baseline");
        node.put("max_resolution_tier", asset.maxResolutionTier());
        node.put("master_access", "none");
        node.put("mp4_support", asset.mp4Support());
        if (asset.renditions() != null) {
            node.set("static_renditions", renditions(asset.renditions(), webhook));
        }
        ObjectNode progress = node.putObject("progress");
        switch (asset.status()) {
            case "ready" -> {
                progress.put("state", "completed");
                progress.put("progress", 100);
            }
            case "errored" -> {
                progress.put("state", "errored");
                progress.put("progress", -1);
            }
            default -> {
                progress.put("state", "ingesting");
                progress.put("progress", 0);
            }
        }
        if (media != null) {
            ArrayNode tracks = node.putArray("tracks");
            if (media.width() != null) {
                ObjectNode video = tracks.addObject();
                video.put("type", "video");
                video.put("id", videoTrackId(asset));
                video.put("max_width", media.width());
                video.put("max_height", media.height());
                if (media.frameRate() != null) {
                    video.put("max_frame_rate", media.frameRate());
                }
                video.put("duration", media.videoDuration() != null ? media.videoDuration() : media.duration());
            }
            if (media.audioChannels() != null) {
                ObjectNode audio = tracks.addObject();
                audio.put("type", "audio");
                audio.put("id", audioTrackId(asset));
                audio.put("max_channels", media.audioChannels());
                audio.put("duration", media.audioDuration() != null ? media.audioDuration() : media.duration());
                audio.put("primary", true);
                audio.put("status", "ready");
                audio.put("name", "Default");
                audio.put("language_code", "und");
            }
            asset.textTracks().forEach(track -> tracks.add(track(track, null)));
        }
        if (asset.errors() != null) {
            node.set("errors", errors(asset.errors()));
        }
        node.put("test", asset.test());
        return node;
    }

    static String videoTrackId(AssetState asset) {
        return asset.id().substring(0, 12) + "V";
    }

    static String audioTrackId(AssetState asset) {
        return asset.id().substring(0, 12) + "A";
    }

    /**
     * A text track as Mux lists it in {@code tracks[]} and answers {@code POST .../tracks}; with {@code assetId}
     * (webhook {@code data}) it also carries {@code asset_id} and, when errored, {@code error}.
     */
    static ObjectNode track(TrackState track, String assetId) {
        ObjectNode node = Http.object();
        node.put("type", "text");
        node.put("text_type", "subtitles");
        node.put("text_source", track.textSource());
        node.put("status", track.status());
        node.put("name", track.name());
        node.put("language_code", track.languageCode());
        node.put("id", track.id());
        if (track.closedCaptions() != null) {
            node.put("closed_captions", track.closedCaptions());
        }
        if (track.passthrough() != null) {
            node.put("passthrough", track.passthrough());
        }
        if (assetId != null) {
            node.put("asset_id", assetId);
            if (track.error() != null) {
                node.set("error", errors(track.error()));
            }
        }
        return node;
    }

    private static ObjectNode renditions(Renditions renditions, boolean webhook) {
        ObjectNode node = Http.object();
        node.put("status", renditions.status());
        if (renditions.status().equals("ready")) {
            ArrayNode files = node.putArray("files");
            for (RenditionFile file : renditions.files()) {
                ObjectNode entry = files.addObject();
                entry.put("name", file.name());
                entry.put("ext", file.ext());
                if (file.width() != null) {
                    entry.put("width", file.width());
                    entry.put("height", file.height());
                }
                entry.put("bitrate", file.bitrate());
                if (webhook) {
                    entry.put("filesize", file.filesize());
                } else {
                    entry.put("filesize", Long.toString(file.filesize()));
                }
            }
        }
        return node;
    }

    private static ObjectNode errors(Errors errors) {
        ObjectNode node = Http.object();
        node.put("type", errors.type());
        ArrayNode messages = node.putArray("messages");
        errors.messages().forEach(messages::add);
        return node;
    }

    static ObjectNode playbackId(PlaybackIdState id) {
        ObjectNode node = Http.object();
        node.put("id", id.id());
        node.put("policy", id.policy());
        if (id.drmConfigurationId() != null) {
            node.put("drm_configuration_id", id.drmConfigurationId());
        }
        return node;
    }

    /** Width:height reduced by their greatest common divisor, e.g. 1920x1080 → 16:9. */
    static String aspectRatio(int width, int height) {
        int gcd = gcd(width, height);
        return width / gcd + ":" + height / gcd;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Mux's tiers by the shorter side, capped by the asset's {@code max_resolution_tier}. */
    static String resolutionTier(Media media, String maxTier) {
        if (media.width() == null) {
            return "audio-only";
        }
        int side = Math.min(media.width(), media.height());
        int tier = side <= 720 ? 720 : side <= 1080 ? 1080 : side <= 1440 ? 1440 : 2160;
        int cap = maxTier == null ? 1080 : Integer.parseInt(maxTier.replace("p", ""));
        return Math.min(tier, cap) + "p";
    }

    private static String storedResolution(int width, int height) {
        int side = Math.min(width, height);
        return side < 720 ? "SD" : side <= 1080 ? "HD" : side <= 1440 ? "FHD" : "UHD";
    }
}
