package dev.lectern.muxemulator;

import com.sun.net.httpserver.HttpExchange;
import dev.lectern.muxemulator.Store.AssetState;
import dev.lectern.muxemulator.Store.Media;
import dev.lectern.muxemulator.Store.PlaybackIdState;
import dev.lectern.muxemulator.Store.RenditionFile;
import dev.lectern.muxemulator.Store.TrackState;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stream.mux.com serves for a ready asset, once its playback id and token were checked: the multivariant
 * playlist {@code {pid}.m3u8}, its media playlist {@code {pid}/rendition.m3u8} of fMP4 segments repackaged from the
 * upload ({@code init.mp4}, {@code {n}.m4s}; or the upload as one segment when it cannot be repackaged), text
 * tracks ({@code {pid}/text/{track}.m3u8|vtt|txt}), static renditions ({@code {pid}/capped-1080p.mp4}...) and the
 * upload itself ({@code original.mp4}, emulator only). Every file honours {@code Range}.
 */
final class Streams {

    private static final Pattern SEGMENT = Pattern.compile("(\\d{1,6})\\.m4s");
    private static final Pattern TEXT = Pattern.compile("text/([A-Za-z0-9]+)\\.(m3u8|vtt|txt)");
    private static final int CACHED_LAYOUTS = 32;
    private static final Logger log = LoggerFactory.getLogger(Streams.class);

    private final Store store;
    private final Map<String, Fmp4.Layout> layouts = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Fmp4.Layout> eldest) {
                    return size() > CACHED_LAYOUTS;
                }
            });

    Streams(Store store) {
        this.store = store;
    }

    /**
     * Answers for {@code file} under the playback id ({@code null}: the multivariant playlist).
     * {@code defaultLanguage} ({@code default_subtitles_lang}) marks the closest subtitles {@code DEFAULT=YES}.
     */
    void serve(HttpExchange exchange, AssetState asset, PlaybackIdState playbackId, String token, String file,
               String defaultLanguage) throws IOException {
        Matcher text = file == null ? null : TEXT.matcher(file);
        if (file == null) {
            multivariant(exchange, asset, playbackId.id(), query(token), defaultLanguage);
        } else if (file.equals("rendition.m3u8")) {
            rendition(exchange, asset, playbackId.id(), query(token));
        } else if (file.equals("init.mp4") || SEGMENT.matcher(file).matches()) {
            fragment(exchange, asset, file);
        } else if (file.equals("original.mp4")) {
            ByteRanges.send(exchange, "video/mp4", store.file(asset));
        } else if (text.matches()) {
            text(exchange, asset, text.group(1), text.group(2), query(token));
        } else {
            staticRendition(exchange, asset, playbackId, file);
        }
    }

    private void multivariant(HttpExchange exchange, AssetState asset, String pid, String query, String language)
            throws IOException {
        Media media = asset.media();
        Optional<Fmp4.Layout> layout = layout(asset);
        double[] durations;
        long[] sizes;
        if (layout.isPresent()) {
            List<Fmp4.Segment> segments = layout.get().segments();
            durations = new double[segments.size()];
            sizes = new long[segments.size()];
            for (int i = 0; i < segments.size(); i++) {
                durations[i] = segments.get(i).duration();
                sizes[i] = Fmp4.segmentLength(layout.get(), i);
            }
        } else {
            durations = new double[] {media.duration()};
            sizes = new long[] {Files.size(store.file(asset))};
        }
        Hls.Variant variant = new Hls.Variant(Hls.peakBandwidth(durations, sizes),
                Hls.averageBandwidth(durations, sizes), media.codecs(), media.width(), media.height(),
                pid + "/rendition.m3u8" + query);
        List<TrackState> ready = asset.textTracks().stream().filter(t -> t.status().equals("ready")).toList();
        TrackState preferred = closest(ready, language);
        List<Hls.Subtitles> subtitles = new ArrayList<>();
        for (TrackState track : ready) {
            subtitles.add(new Hls.Subtitles(track.name(), track.languageCode(),
                    Boolean.TRUE.equals(track.closedCaptions()), track == preferred,
                    pid + "/text/" + track.id() + ".m3u8" + query));
        }
        playlist(exchange, Hls.multivariant(variant, subtitles));
    }

    /** The track whose language is {@code language}, else the first of the same primary language; null if none. */
    private static TrackState closest(List<TrackState> tracks, String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String primary = language.split("-")[0];
        return tracks.stream().filter(t -> t.languageCode().equalsIgnoreCase(language)).findFirst()
                .or(() -> tracks.stream().filter(t -> t.languageCode().split("-")[0].equalsIgnoreCase(primary))
                        .findFirst())
                .orElse(null);
    }

    private void rendition(HttpExchange exchange, AssetState asset, String pid, String query) throws IOException {
        Optional<Fmp4.Layout> layout = layout(asset);
        if (layout.isEmpty()) {
            playlist(exchange, Hls.media(null,
                    List.of(new Hls.Segment(asset.media().duration(), "original.mp4" + query))));
            return;
        }
        List<Hls.Segment> segments = new ArrayList<>();
        List<Fmp4.Segment> planned = layout.get().segments();
        for (int i = 0; i < planned.size(); i++) {
            segments.add(new Hls.Segment(planned.get(i).duration(), i + ".m4s" + query));
        }
        playlist(exchange, Hls.media("init.mp4" + query, segments));
    }

    private void fragment(HttpExchange exchange, AssetState asset, String name) throws IOException {
        Optional<Fmp4.Layout> layout = layout(asset);
        if (layout.isEmpty()) {
            notFound(exchange);
            return;
        }
        if (name.equals("init.mp4")) {
            ByteRanges.send(exchange, "video/mp4", layout.get().init());
            return;
        }
        Matcher segment = SEGMENT.matcher(name);
        int index = segment.matches() ? Integer.parseInt(segment.group(1)) : -1;
        if (index < 0 || index >= layout.get().segments().size()) {
            notFound(exchange);
            return;
        }
        Path file = store.file(asset);
        ByteRanges.send(exchange, "video/iso.segment", Fmp4.segmentLength(layout.get(), index),
                (from, to, out) -> Fmp4.writeSegment(layout.get(), index, file, out, from, to));
    }

    private void text(HttpExchange exchange, AssetState asset, String trackId, String extension, String query)
            throws IOException {
        TrackState track = asset.textTrack(trackId).filter(t -> t.status().equals("ready")).orElse(null);
        Path vtt = store.trackFile(trackId);
        if (track == null || !Files.exists(vtt)) {
            notFound(exchange);
            return;
        }
        switch (extension) {
            case "m3u8" -> playlist(exchange, Hls.subtitles(asset.media().duration(), trackId + ".vtt" + query));
            case "vtt" -> ByteRanges.send(exchange, "text/vtt; charset=utf-8", vtt);
            default -> {
                if (!track.generated()) {
                    notFound(exchange); // Mux has transcripts of generated captions only
                    return;
                }
                ByteRanges.send(exchange, "text/plain; charset=utf-8",
                        WebVtt.transcript(Files.readString(vtt)).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code {pid}/capped-1080p.mp4} and the like, once ready; {@code ?download=name} saves it as a file. */
    private void staticRendition(HttpExchange exchange, AssetState asset, PlaybackIdState playbackId, String name)
            throws IOException {
        RenditionFile file = asset.renditions() == null || !asset.renditions().status().equals("ready") ? null
                : asset.renditions().files().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        if (file == null) {
            notFound(exchange);
            return;
        }
        if (playbackId.policy().equals("drm")) {
            Http.error(exchange, 403, "forbidden", "Static renditions cannot be played with a drm playback id; "
                    + "use a public or signed one");
            return;
        }
        String download = Http.query(exchange).get("download");
        if (download != null && !download.isBlank()) {
            String saved = download.replaceAll("[\\\\/\"\\r\\n]", "_");
            if (!saved.toLowerCase(Locale.ROOT).endsWith("." + file.ext())) {
                saved += "." + file.ext();
            }
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + saved + "\"");
        }
        ByteRanges.send(exchange, file.ext().equals("m4a") ? "audio/mp4" : "video/mp4", store.dataFile(file.file()));
    }

    /** The fMP4 packaging of an asset's upload, or empty if the file cannot be repackaged. */
    private Optional<Fmp4.Layout> layout(AssetState asset) {
        Fmp4.Layout cached = layouts.get(asset.id());
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            Fmp4.Layout layout = Fmp4.layout(store.file(asset));
            layouts.put(asset.id(), layout);
            return Optional.of(layout);
        } catch (Fmp4.Unsupported | IOException | RuntimeException e) {
            log.info("Serving asset {} as one progressive segment: {}", asset.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private static void playlist(HttpExchange exchange, String playlist) throws IOException {
        Http.bytes(exchange, 200, Hls.CONTENT_TYPE, playlist.getBytes(StandardCharsets.UTF_8));
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        Http.error(exchange, 404, "not_found", Http.NOT_FOUND_MESSAGE);
    }

    private static String query(String token) {
        return token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
