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

    /** Mux's error object of an asset or a track: {@code {type, messages[]}}. */
    record Errors(String type, List<String> messages) {
    }

    /**
     * What was read from the container; null until the asset was processed. {@code codecs} is the RFC 6381 list
     * (audio first, as Mux lists it), null when a codec is unknown (files read by ffprobe, state of older runs).
     */
    record Media(double duration, Integer width, Integer height, Double frameRate, Double videoDuration,
                 Integer audioChannels, Double audioDuration, String codecs) {

        boolean hasVideo() {
            return width != null;
        }

        boolean hasAudio() {
            return audioChannels != null;
        }
    }

    /**
     * A text track ({@code type: text, text_type: subtitles}): {@code text_source} {@code uploaded} (fetched from
     * {@code url}) or {@code generated_vod}; status {@code preparing}, {@code ready}, {@code errored} or
     * {@code skipped}. Its WebVTT is {@link #trackFile(String)} once ready.
     */
    record TrackState(String id, String textSource, String languageCode, String name, Boolean closedCaptions,
                      String passthrough, String status, String url, Errors error) {

        TrackState with(String newStatus, Errors newError) {
            return new TrackState(id, textSource, languageCode, name, closedCaptions, passthrough, newStatus, url,
                    newError);
        }

        boolean generated() {
            return "generated_vod".equals(textSource);
        }
    }

    /** One MP4/M4A file of {@code mp4_support}; {@code file} is relative to the data directory. */
    record RenditionFile(String name, String ext, Integer width, Integer height, long bitrate, long filesize,
                         String file) {
    }

    /** {@code static_renditions} of an asset with {@code mp4_support}: {@code preparing}, {@code ready}, {@code errored}. */
    record Renditions(String status, List<RenditionFile> files) {

        Renditions {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /**
     * An asset. {@code file} is the source, relative to the uploads directory. {@code requestedTracks} are the text
     * tracks the asset's inputs asked for (generated subtitles, subtitle files), created when it is ready; then
     * they are {@code textTracks}. {@code renditions} is null without {@code mp4_support}. {@code inputUrl} is
     * where an asset created from a URL ({@code POST /video/v1/assets}) is fetched from.
     */
    record AssetState(String id, String status, long createdAt, String uploadId, String passthrough,
                      String videoQuality, String maxResolutionTier, List<PlaybackIdState> playbackIds, boolean test,
                      JsonNode meta, String file, Media media, Errors errors, String mp4Support,
                      Renditions renditions, List<TrackState> textTracks, List<TrackState> requestedTracks,
                      String inputUrl) {

        AssetState {
            playbackIds = playbackIds == null ? List.of() : List.copyOf(playbackIds);
            textTracks = textTracks == null ? List.of() : List.copyOf(textTracks);
            requestedTracks = requestedTracks == null ? List.of() : List.copyOf(requestedTracks);
            mp4Support = mp4Support == null ? "none" : mp4Support;
        }

        /** Ready with what was read from the file; the requested text tracks now exist, {@code preparing}. */
        AssetState ready(Media newMedia) {
            List<TrackState> tracks = new ArrayList<>(textTracks);
            tracks.addAll(requestedTracks);
            return new AssetState(id, "ready", createdAt, uploadId, passthrough, videoQuality, maxResolutionTier,
                    playbackIds, test, meta, file, newMedia, null, mp4Support, renditions, tracks, List.of(), inputUrl);
        }

        /** Errored: no media, no tracks, and static renditions that will never be made. */
        AssetState errored(Errors newErrors) {
            return new AssetState(id, "errored", createdAt, uploadId, passthrough, videoQuality, maxResolutionTier,
                    playbackIds, test, meta, file, null, newErrors, mp4Support,
                    renditions == null ? null : new Renditions("errored", List.of()), List.of(), List.of(), inputUrl);
        }

        AssetState withPlaybackIds(List<PlaybackIdState> ids) {
            return new AssetState(id, status, createdAt, uploadId, passthrough, videoQuality, maxResolutionTier, ids,
                    test, meta, file, media, errors, mp4Support, renditions, textTracks, requestedTracks, inputUrl);
        }

        AssetState withRenditions(Renditions newRenditions) {
            return new AssetState(id, status, createdAt, uploadId, passthrough, videoQuality, maxResolutionTier,
                    playbackIds, test, meta, file, media, errors, mp4Support, newRenditions, textTracks,
                    requestedTracks, inputUrl);
        }

        AssetState withTextTracks(List<TrackState> tracks) {
            return new AssetState(id, status, createdAt, uploadId, passthrough, videoQuality, maxResolutionTier,
                    playbackIds, test, meta, file, media, errors, mp4Support, renditions, tracks, requestedTracks,
                    inputUrl);
        }

        Optional<TrackState> textTrack(String trackId) {
            return textTracks.stream().filter(t -> t.id().equals(trackId)).findFirst();
        }

        /** The track replaced (same id) or added. */
        AssetState withTextTrack(TrackState track) {
            List<TrackState> tracks = new ArrayList<>(textTracks);
            tracks.removeIf(t -> t.id().equals(track.id()));
            int at = textTracks.stream().map(TrackState::id).toList().indexOf(track.id());
            tracks.add(at < 0 ? tracks.size() : at, track);
            return withTextTracks(tracks);
        }

        AssetState withoutTextTrack(String trackId) {
            return withTextTracks(textTracks.stream().filter(t -> !t.id().equals(trackId)).toList());
        }

        /** The lane of its webhooks: the upload's, or the asset's own when it was created from a URL. */
        String lane() {
            return uploadId != null ? uploadId : id;
        }
    }

    record KeyState(String id, String publicKey, long createdAt) {
    }

    record State(List<UploadState> uploads, List<AssetState> assets, List<KeyState> signingKeys) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(Store.class);

    private final Path directory;
    private final Path stateFile;
    private final Path files;
    private final Path tracks;
    private final Map<String, UploadState> uploads = new LinkedHashMap<>();
    private final Map<String, AssetState> assets = new LinkedHashMap<>();
    private final Map<String, KeyState> keys = new LinkedHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("mux-emulator-state").factory());
    /** A write is queued and has not yet taken its snapshot: later changes go into it. */
    private boolean writeQueued;

    Store(Path directory) {
        this.directory = directory;
        this.stateFile = directory.resolve("state.json");
        this.files = directory.resolve("uploads");
        this.tracks = directory.resolve("tracks");
        try {
            Files.createDirectories(files);
            Files.createDirectories(tracks);
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

    /** The source file of an asset (its upload, or what was fetched from its input URL). */
    Path file(AssetState asset) {
        return files.resolve(asset.file());
    }

    /** The WebVTT of a text track, once it is ready. */
    Path trackFile(String trackId) {
        return tracks.resolve(trackId + ".vtt");
    }

    /** A file of the data directory by its relative name (static renditions). */
    Path dataFile(String relative) {
        return directory.resolve(relative);
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
