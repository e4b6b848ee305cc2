package dev.lectern.muxemulator;

import dev.lectern.muxemulator.Store.AssetState;
import dev.lectern.muxemulator.Store.Media;
import dev.lectern.muxemulator.Store.RenditionFile;
import dev.lectern.muxemulator.Store.Renditions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static MP4/M4A renditions of {@code mp4_support} (Mux's deprecated but working way): {@code preparing} from
 * the asset's creation, then, the processing delay after the asset is ready, {@code ready} with their files
 * ({@code video.asset.static_renditions.ready}) or {@code errored} ({@code ...errored}). Which files follow Mux's
 * table: {@code capped-1080p} → {@code capped-1080p.mp4}, {@code audio-only} → {@code audio.m4a} (an error for a
 * video without audio), both, or {@code standard} → {@code high.mp4}; an audio-only asset gets {@code audio.m4a}.
 * Nothing is transcoded: an MP4 file is the upload itself, {@code audio.m4a} its audio track repackaged as
 * fragmented MP4 ({@link Fmp4}), so only MP4/MOV uploads get renditions.
 */
final class StaticRenditions {

    private static final Logger log = LoggerFactory.getLogger(StaticRenditions.class);

    /** The renditions can never be made for this asset; the message says why. */
    private static final class NotProduced extends Exception {
        NotProduced(String message) {
            super(message, null, false, false);
        }
    }

    private final Store store;
    private final Webhooks webhooks;
    private final ScheduledExecutorService scheduler;
    private final Duration processingDelay;

    StaticRenditions(Store store, Webhooks webhooks, ScheduledExecutorService scheduler, Duration processingDelay) {
        this.store = store;
        this.webhooks = webhooks;
        this.scheduler = scheduler;
        this.processingDelay = processingDelay;
    }

    /** What a new asset starts with: nothing without mp4_support, else {@code preparing}. */
    static Renditions requested(String mp4Support) {
        return "none".equals(mp4Support) ? null : new Renditions("preparing", List.of());
    }

    /** The asset just became ready: its renditions are made after the processing delay. */
    void assetReady(AssetState asset) {
        if (asset.renditions() != null && asset.renditions().status().equals("preparing")) {
            schedule(asset.id());
        }
    }

    /** Renditions left {@code preparing} on a ready asset by a previous run are made now. */
    void resume() {
        store.assets().stream().filter(asset -> asset.status().equals("ready")).forEach(this::assetReady);
    }

    /** Removes the files made for an asset (it is being deleted). */
    void deleteFiles(String assetId) {
        Path directory = directory(assetId);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the static renditions of asset {}: {}", assetId, e.toString());
        }
    }

    private void schedule(String assetId) {
        try {
            scheduler.schedule(() -> Thread.ofVirtual().name("mux-emulator-mp4").start(() -> prepare(assetId)),
                    processingDelay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            log.debug("Emulator closing; the renditions of {} are made after a restart", assetId);
        }
    }

    private void prepare(String assetId) {
        AssetState asset = store.asset(assetId).orElse(null);
        if (asset == null || !asset.status().equals("ready") || asset.renditions() == null
                || !asset.renditions().status().equals("preparing")) {
            return;
        }
        Renditions result;
        try {
            result = new Renditions("ready", files(asset));
        } catch (NotProduced e) {
            log.info("No static renditions for asset {}: {}", assetId, e.getMessage());
            result = new Renditions("errored", List.of());
        }
        synchronized (store) {
            AssetState now = store.asset(assetId).orElse(null);
            if (now == null) {
                deleteFiles(assetId);
                return;
            }
            AssetState updated = now.withRenditions(result);
            store.put(updated);
            webhooks.emit("video.asset.static_renditions." + result.status(), "asset", updated.id(),
                    updated.uploadId(), updated.passthrough(), Views.asset(updated, true), updated.lane());
        }
    }

    private List<RenditionFile> files(AssetState asset) throws NotProduced {
        Media media = asset.media();
        Path source = store.file(asset);
        try {
            Mp4Probe.probe(source);
        } catch (Mp4Probe.NotAVideo | IOException e) {
            throw new NotProduced("the emulator makes MP4 renditions only of MP4/MOV uploads");
        }
        Set<String> options = Set.of(asset.mp4Support().split(","));
        List<RenditionFile> files = new ArrayList<>();
        boolean audioOnly = options.contains("audio-only");
        boolean video = options.contains("capped-1080p") || options.contains("standard");
        if (audioOnly && !media.hasAudio() && !video) {
            throw new NotProduced("audio-only was asked for a video without audio");
        }
        if (media.hasAudio() && (audioOnly || !media.hasVideo())) {
            files.add(audio(asset, source));
        }
        if (video && media.hasVideo()) {
            String name = options.contains("standard") ? "high.mp4" : "capped-1080p.mp4";
            files.add(file(name, "mp4", media, source, "uploads/" + asset.file()));
        }
        return files;
    }

    /** {@code audio.m4a}: an audio-only upload as it is, else its audio track alone, repackaged. */
    private RenditionFile audio(AssetState asset, Path source) throws NotProduced {
        Media media = asset.media();
        if (!media.hasVideo()) {
            return file("audio.m4a", "m4a", media, source, "uploads/" + asset.file());
        }
        String relative = "renditions/" + asset.id() + "/audio.m4a";
        Path target = store.dataFile(relative);
        Path partial = target.resolveSibling("audio.m4a.part");
        try {
            Files.createDirectories(target.getParent());
            Fmp4.Layout layout = Fmp4.layout(source, Set.of("soun"));
            try (OutputStream out = Files.newOutputStream(partial)) {
                Fmp4.writeFile(layout, source, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | Fmp4.Unsupported e) {
            throw new NotProduced("the audio track could not be repackaged: " + e.getMessage());
        }
        return file("audio.m4a", "m4a", media, target, relative);
    }

    private static RenditionFile file(String name, String ext, Media media, Path path, String relative)
            throws NotProduced {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new NotProduced("the file is gone: " + e.getMessage());
        }
        long bitrate = media.duration() > 0 ? Math.round(size * 8 / media.duration()) : 0;
        boolean video = ext.equals("mp4");
        return new RenditionFile(name, ext, video ? media.width() : null, video ? media.height() : null, bitrate,
                size, relative);
    }

    private Path directory(String assetId) {
        return store.dataFile("renditions/" + assetId);
    }
}
