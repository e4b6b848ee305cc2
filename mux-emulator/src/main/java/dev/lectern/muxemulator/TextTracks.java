package dev.lectern.muxemulator;

import dev.lectern.muxemulator.AssetSettings.TrackRequest;
import dev.lectern.muxemulator.Http.MuxError;
import dev.lectern.muxemulator.Store.AssetState;
import dev.lectern.muxemulator.Store.Errors;
import dev.lectern.muxemulator.Store.TrackState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text tracks of assets: subtitle files Mux downloads ({@code text_source: uploaded}) and captions it generates
 * from the audio ({@code generated_vod}). A track is created {@code preparing} ({@code video.asset.track.created}),
 * and after the processing delay is {@code ready} ({@code video.asset.track.ready}), {@code errored} (the file
 * could not be fetched or is not WebVTT: {@code video.asset.track.errored}) or, for generated captions of an asset
 * without audio, {@code skipped} ({@code video.asset.track.skipped}). Deleting one sends
 * {@code video.asset.track.deleted}. Events go out on the asset's lane, after its own.
 */
final class TextTracks {

    /** The largest subtitle file taken; Mux documents no limit, a larger WebVTT is not a caption file. */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(TextTracks.class);

    private final Store store;
    private final Webhooks webhooks;
    private final Downloads downloads;
    private final ScheduledExecutorService scheduler;
    private final Duration processingDelay;

    TextTracks(Store store, Webhooks webhooks, Downloads downloads, ScheduledExecutorService scheduler,
               Duration processingDelay) {
        this.store = store;
        this.webhooks = webhooks;
        this.downloads = downloads;
        this.scheduler = scheduler;
        this.processingDelay = processingDelay;
    }

    /** The asset just became ready with the tracks its inputs asked for: each is created, then processed. */
    void assetReady(AssetState asset) {
        synchronized (store) {
            for (TrackState track : asset.textTracks()) {
                if (track.status().equals("preparing")) {
                    emit("video.asset.track.created", asset, track);
                    schedule(asset.id(), track.id());
                }
            }
        }
    }

    /** Tracks left {@code preparing} by a previous run are processed again. */
    void resume() {
        for (AssetState asset : store.assets()) {
            if (asset.status().equals("ready")) {
                asset.textTracks().stream().filter(t -> t.status().equals("preparing"))
                        .forEach(t -> schedule(asset.id(), t.id()));
            }
        }
    }

    /** {@code POST /video/v1/assets/{id}/tracks}: a subtitle file to fetch; the asset must be ready. */
    TrackState add(String assetId, TrackRequest request) {
        return create(assetId, List.of(request)).getFirst();
    }

    /**
     * {@code POST .../tracks/{AUDIO_TRACK_ID}/generate-subtitles}: captions generated from that audio track.
     */
    List<TrackState> generate(String assetId, String audioTrackId, List<TrackRequest> requests) {
        synchronized (store) {
            AssetState asset = readyAsset(assetId);
            if (!asset.media().hasAudio() || !Views.audioTrackId(asset).equals(audioTrackId)) {
                throw MuxError.notFound();
            }
            return create(assetId, requests);
        }
    }

    private List<TrackState> create(String assetId, List<TrackRequest> requests) {
        List<TrackState> created = new ArrayList<>();
        synchronized (store) {
            AssetState asset = readyAsset(assetId);
            List<String> names = new ArrayList<>(asset.textTracks().stream().map(TrackState::name).toList());
            for (TrackRequest request : requests) {
                if (names.contains(request.name())) {
                    throw MuxError.invalid("name '" + request.name() + "' is already used by a text track of this "
                            + "asset; text track names must be unique");
                }
                names.add(request.name());
            }
            for (TrackRequest request : requests) {
                TrackState track = request.toTrack();
                asset = asset.withTextTrack(track);
                created.add(track);
            }
            store.put(asset);
            for (TrackState track : created) {
                emit("video.asset.track.created", asset, track);
                schedule(asset.id(), track.id());
            }
        }
        return created;
    }

    private AssetState readyAsset(String assetId) {
        AssetState asset = store.asset(assetId).orElseThrow(MuxError::notFound);
        if (!asset.status().equals("ready")) {
            throw MuxError.invalid("Tracks can be added only once the asset is ready; it is " + asset.status());
        }
        return asset;
    }

    /** {@code DELETE /video/v1/assets/{id}/tracks/{track}}; the primary video and audio tracks stay. */
    void delete(String assetId, String trackId) {
        synchronized (store) {
            AssetState asset = store.asset(assetId).orElseThrow(MuxError::notFound);
            TrackState track = asset.textTrack(trackId).orElse(null);
            if (track == null) {
                if (asset.media() != null && (trackId.equals(Views.videoTrackId(asset))
                        || (asset.media().hasAudio() && trackId.equals(Views.audioTrackId(asset))))) {
                    throw MuxError.invalid("The primary video and audio tracks of an asset cannot be deleted");
                }
                throw MuxError.notFound();
            }
            store.put(asset.withoutTextTrack(trackId));
            deleteFile(trackId);
            emit("video.asset.track.deleted", asset, track.with("deleted", track.error()));
        }
    }

    /** Removes the WebVTT files of an asset's tracks (the asset is being deleted). */
    void deleteFiles(AssetState asset) {
        asset.textTracks().forEach(track -> deleteFile(track.id()));
    }

    private void schedule(String assetId, String trackId) {
        try {
            scheduler.schedule(() -> Thread.ofVirtual().name("mux-emulator-track").start(() -> process(assetId, trackId)),
                    processingDelay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            log.debug("Emulator closing; track {} is processed after a restart", trackId);
        }
    }

    private void process(String assetId, String trackId) {
        AssetState asset = store.asset(assetId).orElse(null);
        TrackState track = asset == null ? null : asset.textTrack(trackId).orElse(null);
        if (track == null || !track.status().equals("preparing")) {
            return;
        }
        TrackState result;
        byte[] vtt = null;
        if (track.generated()) {
            if (asset.media().hasAudio()) {
                vtt = WebVtt.generated(asset.media().duration(), track.name()).getBytes(StandardCharsets.UTF_8);
                result = track.with("ready", null);
            } else {
                result = track.with("skipped", null);
            }
        } else {
            try {
                byte[] file = downloads.bytes(track.url(), MAX_FILE_BYTES);
                WebVtt.validate(file);
                vtt = file;
                result = track.with("ready", null);
            } catch (Downloads.Failed failed) {
                result = track.with("errored", new Errors(failed.type, List.of(failed.getMessage())));
            } catch (WebVtt.Invalid invalid) {
                result = track.with("errored", new Errors("invalid_input", List.of(invalid.getMessage())));
            }
        }
        if (vtt != null && !write(trackId, vtt)) {
            result = track.with("errored", new Errors("internal_error", List.of("The track could not be stored.")));
        }
        synchronized (store) {
            AssetState now = store.asset(assetId).orElse(null);
            TrackState current = now == null ? null : now.textTrack(trackId).orElse(null);
            if (current == null) {
                deleteFile(trackId); // the track or its asset was deleted meanwhile
                return;
            }
            if (!current.status().equals("preparing")) {
                return;
            }
            AssetState updated = now.withTextTrack(result);
            store.put(updated);
            emit("video.asset.track." + result.status(), updated, result);
        }
    }

    private boolean write(String trackId, byte[] vtt) {
        Path target = store.trackFile(trackId);
        Path partial = target.resolveSibling(trackId + ".vtt.part");
        try {
            Files.write(partial, vtt);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            log.warn("Could not store the WebVTT of track {}: {}", trackId, e.toString());
            return false;
        }
    }

    private void deleteFile(String trackId) {
        try {
            Files.deleteIfExists(store.trackFile(trackId));
        } catch (IOException e) {
            log.warn("Could not delete the WebVTT of track {}: {}", trackId, e.toString());
        }
    }

    private void emit(String type, AssetState asset, TrackState track) {
        webhooks.emit(type, "track", track.id(), asset.uploadId(), asset.passthrough(), Views.track(track, asset.id()),
                asset.lane());
    }
}
