package dev.lectern.muxemulator;

import dev.lectern.muxemulator.Store.AssetErrors;
import dev.lectern.muxemulator.Store.AssetState;
import dev.lectern.muxemulator.Store.Media;
import dev.lectern.muxemulator.Store.PlaybackIdState;
import dev.lectern.muxemulator.Store.UploadState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What happens to a video: upload created/cancelled, file complete → asset {@code preparing}, then after the
 * processing delay → {@code ready} or {@code errored}; each step with the webhooks Mux sends.
 */
final class Pipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final Store store;
    private final Webhooks webhooks;
    private final Duration processingDelay;
    private final FfProbe ffprobe;
    private final ScheduledExecutorService scheduler;
    private volatile String baseUrl;

    Pipeline(Store store, Webhooks webhooks, Duration processingDelay, FfProbe ffprobe) {
        this.ffprobe = ffprobe;
        this.store = store;
        this.webhooks = webhooks;
        this.processingDelay = processingDelay;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("mux-emulator-processing").factory());
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Assets left {@code preparing} by a previous run are processed again. */
    void resume() {
        for (AssetState asset : store.assets()) {
            if (asset.status().equals("preparing")) {
                scheduleProcessing(asset.id());
            }
        }
    }

    void uploadCreated(UploadState upload) {
        synchronized (store) {
            store.put(upload);
            emitUpload("video.upload.created", upload);
        }
    }

    void uploadCancelled(UploadState upload) {
        synchronized (store) {
            UploadState cancelled = upload.with("cancelled", null);
            store.put(cancelled);
            emitUpload("video.upload.cancelled", cancelled);
        }
    }

    /** The whole file is in: a new asset with the playback ids the upload's settings ask for. */
    AssetState uploadComplete(UploadState upload) {
        JsonNode settings = upload.newAssetSettings() == null ? Http.object() : upload.newAssetSettings();
        List<PlaybackIdState> ids = new ArrayList<>();
        for (JsonNode policy : settings.path("playback_policies")) {
            ids.add(new PlaybackIdState(Ids.playback(), policy.asString(), null));
        }
        for (JsonNode advanced : settings.path("advanced_playback_policies")) {
            String config = advanced.path("drm_configuration_id").isString()
                    ? advanced.path("drm_configuration_id").asString() : null;
            ids.add(new PlaybackIdState(Ids.playback(), advanced.path("policy").asString(), config));
        }
        String passthrough = settings.path("passthrough").isString() ? settings.path("passthrough").asString() : null;
        String quality = settings.path("video_quality").isString() ? settings.path("video_quality").asString()
                : ids.stream().anyMatch(id -> id.policy().equals("drm")) ? "plus" : "basic";
        String maxTier = settings.path("max_resolution_tier").isString()
                ? settings.path("max_resolution_tier").asString() : "1080p";
        JsonNode meta = settings.path("meta").isObject() ? settings.path("meta") : null;
        AssetState asset = new AssetState(Ids.resource(), "preparing", System.currentTimeMillis() / 1000,
                upload.id(), passthrough, quality, maxTier, ids, upload.test() || settings.path("test").asBoolean(false),
                meta, store.uploadFile(upload.id()).getFileName().toString(), null, null);
        synchronized (store) {
            UploadState done = upload.with("asset_created", asset.id());
            store.put(asset);
            store.put(done);
            emitUpload("video.upload.asset_created", done);
            emitAsset("video.asset.created", asset);
        }
        scheduleProcessing(asset.id());
        return asset;
    }

    private void scheduleProcessing(String assetId) {
        scheduler.schedule(() -> process(assetId), processingDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void process(String assetId) {
        AssetState asset = store.asset(assetId).orElse(null);
        if (asset == null || !asset.status().equals("preparing")) {
            return;
        }
        AssetState result;
        try {
            Media media = Mp4Probe.probe(store.uploadFile(asset.uploadId()));
            result = asset.ready(media);
        } catch (Mp4Probe.NotAVideo notAVideo) {
            result = ffprobe.probe(store.uploadFile(asset.uploadId())).map(asset::ready)
                    .orElseGet(() -> asset.errored(new AssetErrors("invalid_input",
                            List.of("The input file could not be read as a video: " + notAVideo.getMessage() + "."))));
        } catch (IOException | RuntimeException unreadable) {
            log.warn("Could not read the upload of asset {}: {}", assetId, unreadable.toString());
            result = asset.errored(new AssetErrors("invalid_input", List.of("The input file could not be read.")));
        }
        synchronized (store) {
            if (store.asset(assetId).isEmpty()) {
                return;
            }
            store.put(result);
            emitAsset(result.status().equals("ready") ? "video.asset.ready" : "video.asset.errored", result);
        }
    }

    /** Deletes the asset and its file; false if unknown. */
    boolean deleteAsset(String assetId) {
        synchronized (store) {
            AssetState asset = store.asset(assetId).orElse(null);
            if (asset == null) {
                return false;
            }
            store.removeAsset(assetId);
            if (asset.uploadId() != null) {
                try {
                    Files.deleteIfExists(store.uploadFile(asset.uploadId()));
                } catch (IOException e) {
                    log.warn("Could not delete the file of asset {}: {}", assetId, e.toString());
                }
            }
            emitAsset("video.asset.deleted", asset);
            return true;
        }
    }

    private void emitUpload(String type, UploadState upload) {
        JsonNode settings = upload.newAssetSettings();
        String passthrough = settings != null && settings.path("passthrough").isString()
                ? settings.path("passthrough").asString() : null;
        webhooks.emit(type, "upload", upload.id(), upload.id(), passthrough, Views.upload(upload, baseUrl));
    }

    private void emitAsset(String type, AssetState asset) {
        webhooks.emit(type, "asset", asset.id(), asset.uploadId(), asset.passthrough(), Views.asset(asset, true));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
