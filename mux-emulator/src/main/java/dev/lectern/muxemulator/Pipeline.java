package dev.lectern.muxemulator;

import dev.lectern.muxemulator.AssetSettings.TrackRequest;
import dev.lectern.muxemulator.Store.AssetState;
import dev.lectern.muxemulator.Store.Errors;
import dev.lectern.muxemulator.Store.Media;
import dev.lectern.muxemulator.Store.UploadState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What happens to a video: upload created/cancelled, file complete (or fetched from the input URL) → asset
 * {@code preparing}, then after the processing delay → {@code ready} or {@code errored}; each step with the
 * webhooks Mux sends. A ready asset's text tracks ({@link TextTracks}) and static renditions
 * ({@link StaticRenditions}) follow.
 */
final class Pipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final Store store;
    private final Webhooks webhooks;
    private final Duration processingDelay;
    private final FfProbe ffprobe;
    private final Downloads downloads;
    private final ScheduledExecutorService scheduler;
    private final TextTracks tracks;
    private final StaticRenditions renditions;
    private volatile String baseUrl;

    Pipeline(Store store, Webhooks webhooks, Duration processingDelay, FfProbe ffprobe, Downloads downloads) {
        this.ffprobe = ffprobe;
        this.store = store;
        this.webhooks = webhooks;
        this.processingDelay = processingDelay;
        this.downloads = downloads;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("mux-emulator-processing").factory());
        this.tracks = new TextTracks(store, webhooks, downloads, scheduler, processingDelay);
        this.renditions = new StaticRenditions(store, webhooks, scheduler, processingDelay);
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    TextTracks tracks() {
        return tracks;
    }

    /** Assets, tracks and renditions left {@code preparing} by a previous run are processed again. */
    void resume() {
        for (AssetState asset : store.assets()) {
            if (asset.status().equals("preparing")) {
                if (asset.uploadId() == null && !Files.exists(store.file(asset))) {
                    scheduler.execute(() -> Thread.ofVirtual().start(() -> fetchInput(asset.id())));
                } else {
                    scheduleProcessing(asset.id());
                }
            }
        }
        tracks.resume();
        renditions.resume();
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

    /** The whole file is in: a new asset with the playback ids, tracks and renditions the settings ask for. */
    AssetState uploadComplete(UploadState upload) {
        AssetSettings settings = AssetSettings.ofUpload(upload.newAssetSettings());
        AssetState asset = newAsset(settings, Ids.resource(), upload.id(),
                store.uploadFile(upload.id()).getFileName().toString(), upload.test());
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

    /** {@code POST /video/v1/assets}: the asset is {@code preparing} while its input URL is fetched. */
    AssetState createAsset(AssetSettings settings) {
        String id = Ids.resource();
        AssetState asset = newAsset(settings, id, null, id + ".bin", false);
        synchronized (store) {
            store.put(asset);
            emitAsset("video.asset.created", asset);
        }
        String assetId = asset.id();
        scheduler.schedule(() -> Thread.ofVirtual().name("mux-emulator-input").start(() -> fetchInput(assetId)),
                processingDelay.toMillis(), TimeUnit.MILLISECONDS);
        return asset;
    }

    private static AssetState newAsset(AssetSettings settings, String id, String uploadId, String file,
                                       boolean test) {
        List<Store.TrackState> requested = settings.tracks().stream().map(TrackRequest::toTrack).toList();
        return new AssetState(id, "preparing", System.currentTimeMillis() / 1000, uploadId, settings.passthrough(),
                settings.quality(), settings.maxResolutionTier() == null ? "1080p" : settings.maxResolutionTier(),
                settings.playbackIds(), test || settings.test(), settings.meta(), file, null, null,
                settings.mp4Support(), StaticRenditions.requested(settings.mp4Support()), List.of(), requested,
                settings.inputUrl());
    }

    private void fetchInput(String assetId) {
        AssetState asset = store.asset(assetId).orElse(null);
        if (asset == null || !asset.status().equals("preparing")) {
            return;
        }
        try {
            downloads.toFile(asset.inputUrl(), store.file(asset));
            process(assetId);
        } catch (Downloads.Failed failed) {
            finish(assetId, asset.errored(new Errors(failed.type, List.of(failed.getMessage()))));
        }
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
            Media media = Mp4Probe.probe(store.file(asset));
            result = asset.ready(media);
        } catch (Mp4Probe.NotAVideo notAVideo) {
            result = ffprobe.probe(store.file(asset)).map(asset::ready)
                    .orElseGet(() -> asset.errored(new Errors("invalid_input",
                            List.of("The input file could not be read as a video: " + notAVideo.getMessage() + "."))));
        } catch (IOException | RuntimeException unreadable) {
            log.warn("Could not read the file of asset {}: {}", assetId, unreadable.toString());
            result = asset.errored(new Errors("invalid_input", List.of("The input file could not be read.")));
        }
        finish(assetId, result);
    }

    private void finish(String assetId, AssetState result) {
        synchronized (store) {
            if (store.asset(assetId).isEmpty()) {
                return;
            }
            store.put(result);
            emitAsset(result.status().equals("ready") ? "video.asset.ready" : "video.asset.errored", result);
            if (result.status().equals("ready")) {
                tracks.assetReady(result);
                renditions.assetReady(result);
            }
        }
    }

    /** Deletes the asset, its file, its tracks' and renditions' files; false if unknown. */
    boolean deleteAsset(String assetId) {
        synchronized (store) {
            AssetState asset = store.asset(assetId).orElse(null);
            if (asset == null) {
                return false;
            }
            store.removeAsset(assetId);
            try {
                Files.deleteIfExists(store.file(asset));
            } catch (IOException e) {
                log.warn("Could not delete the file of asset {}: {}", assetId, e.toString());
            }
            tracks.deleteFiles(asset);
            renditions.deleteFiles(assetId);
            emitAsset("video.asset.deleted", asset);
            return true;
        }
    }

    private void emitUpload(String type, UploadState upload) {
        JsonNode settings = upload.newAssetSettings();
        String passthrough = settings != null && settings.path("passthrough").isString()
                ? settings.path("passthrough").asString() : null;
        webhooks.emit(type, "upload", upload.id(), upload.id(), passthrough, Views.upload(upload, baseUrl), upload.id());
    }

    private void emitAsset(String type, AssetState asset) {
        webhooks.emit(type, "asset", asset.id(), asset.uploadId(), asset.passthrough(), Views.asset(asset, true),
                asset.lane());
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
