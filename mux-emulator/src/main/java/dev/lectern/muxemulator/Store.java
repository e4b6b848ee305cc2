package dev.lectern.muxemulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's state: uploads, assets and signing keys' public halves, kept in memory and rewritten to
 * {@code state.json} (temporary file + atomic move) by one writer thread after every change, outside the lock, so
 * readers never wait for the disk and a burst of changes is one write. {@link #close()} waits for the last write.
 * Callers that read and then write synchronize on the store.
 */
final class Store implements AutoCloseable {

    record UploadState(String id, String sig, String status, int timeout, String corsOrigin,
                       JsonNode newAssetSettings, boolean test, long createdAt, String assetId, UploadError error) {

        UploadState with(String newStatus, String newAssetId) {
            return new UploadState(id, sig, newStatus, timeout, corsOrigin, newAssetSettings, test, createdAt,
                    newAssetId, error);
        }

        boolean expired(long nowMillis) {
            return "waiting".equals(status) && nowMillis >= createdAt + timeout * 1000L;
        }
    }

    record UploadError(String type, String message) {
    }

    record PlaybackIdState(String id, String policy, String drmConfigurationId) {
    }

    record AssetErrors(String type, List<String> messages) {
    }

    /** What was read from the container; null until the asset was processed. */
    record Media(double duration, Integer width, Integer height, Double frameRate, Double videoDuration,
                 Integer audioChannels, Double audioDuration) {
    }

    record AssetState(String id, String status, long createdAt, String uploadId, String passthrough,
                      String videoQuality, String maxResolutionTier, List<PlaybackIdState> playbackIds, boolean test,
                      JsonNode meta, String file, Media media, AssetErrors errors) {

        AssetState {
            playbackIds = playbackIds == null ? List.of() : List.copyOf(playbackIds);
        }

        AssetState ready(Media newMedia) {
            return new AssetState(id, "ready", createdAt, uploadId, passthrough, videoQuality, maxResolutionTier,
                    playbackIds, test, meta, file, newMedia, null);
        }

        AssetState errored(AssetErrors newErrors) {
            return new AssetState(id, "errored", createdAt, uploadId, passthrough, videoQuality, maxResolutionTier,
                    playbackIds, test, meta, file, null, newErrors);
        }

        AssetState withPlaybackIds(List<PlaybackIdState> ids) {
            return new AssetState(id, status, createdAt, uploadId, passthrough, videoQuality, maxResolutionTier, ids,
                    test, meta, file, media, errors);
        }
    }

    record KeyState(String id, String publicKey, long createdAt) {
    }

    record State(List<UploadState> uploads, List<AssetState> assets, List<KeyState> signingKeys) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(Store.class);

    private final Path stateFile;
    private final Path files;
    private final Map<String, UploadState> uploads = new LinkedHashMap<>();
    private final Map<String, AssetState> assets = new LinkedHashMap<>();
    private final Map<String, KeyState> keys = new LinkedHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("mux-emulator-state").factory());
    /** A write is queued and has not yet taken its snapshot: later changes go into it. */
    private boolean writeQueued;

    Store(Path directory) {
        this.stateFile = directory.resolve("state.json");
        this.files = directory.resolve("uploads");
        try {
            Files.createDirectories(files);
            if (Files.exists(stateFile)) {
                State state = JSON.readValue(stateFile.toFile(), State.class);
                nullSafe(state.uploads()).forEach(u -> uploads.put(u.id(), u));
                nullSafe(state.assets()).forEach(a -> assets.put(a.id(), a));
                nullSafe(state.signingKeys()).forEach(k -> keys.put(k.id(), k));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the emulator's data directory " + directory, e);
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Where the bytes of an upload go while it is received and after. */
    Path uploadFile(String uploadId) {
        return files.resolve(uploadId + ".bin");
    }

    synchronized Optional<UploadState> upload(String id) {
        UploadState upload = uploads.get(id);
        if (upload != null && upload.expired(System.currentTimeMillis())) {
            upload = upload.with("timed_out", null);
            uploads.put(id, upload);
            save();
        }
        return Optional.ofNullable(upload);
    }

    synchronized List<UploadState> uploads() {
        long now = System.currentTimeMillis();
        boolean expired = false;
        for (Map.Entry<String, UploadState> upload : uploads.entrySet()) {
            if (upload.getValue().expired(now)) {
                upload.setValue(upload.getValue().with("timed_out", null));
                expired = true;
            }
        }
        if (expired) {
            save();
        }
        return List.copyOf(uploads.values());
    }

    synchronized void put(UploadState upload) {
        uploads.put(upload.id(), upload);
        save();
    }

    synchronized Optional<AssetState> asset(String id) {
        return Optional.ofNullable(assets.get(id));
    }

    synchronized List<AssetState> assets() {
        return List.copyOf(assets.values());
    }

    synchronized void put(AssetState asset) {
        assets.put(asset.id(), asset);
        save();
    }

    synchronized void removeAsset(String id) {
        assets.remove(id);
        save();
    }

    /** The asset that holds a playback id, with the playback id. */
    synchronized Optional<Map.Entry<AssetState, PlaybackIdState>> byPlaybackId(String playbackId) {
        for (AssetState asset : assets.values()) {
            for (PlaybackIdState id : asset.playbackIds()) {
                if (id.id().equals(playbackId)) {
                    return Optional.of(Map.entry(asset, id));
                }
            }
        }
        return Optional.empty();
    }

    synchronized Optional<KeyState> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    synchronized void put(KeyState key) {
        keys.put(key.id(), key);
        save();
    }

    synchronized boolean removeKey(String id) {
        boolean removed = keys.remove(id) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    /** Queues a rewrite of {@code state.json}; called holding the lock. */
    private void save() {
        if (writeQueued) {
            return;
        }
        try {
            writer.execute(this::write);
            writeQueued = true;
        } catch (RejectedExecutionException closed) {
            log.debug("Store closed; a change after close is not written to {}", stateFile);
        }
    }

    /** Writes the state as it is now; the snapshot is taken under the lock, the file written outside it. */
    private void write() {
        State state;
        synchronized (this) {
            writeQueued = false;
            state = new State(new ArrayList<>(uploads.values()), new ArrayList<>(assets.values()),
                    new ArrayList<>(keys.values()));
        }
        Path temporary = stateFile.resolveSibling("state.json.tmp");
        try {
            Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            try {
                Files.move(temporary, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, stateFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not write {}: {}", stateFile, e.toString());
        }
    }

    /** Waits for the queued write; later changes are not written. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("{} is still being written", stateFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
