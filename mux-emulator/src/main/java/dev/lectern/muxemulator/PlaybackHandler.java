package dev.lectern.muxemulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.lectern.muxemulator.Store.AssetState;
import dev.lectern.muxemulator.Store.PlaybackIdState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * stream.mux.com, image.mux.com and license.mux.com: playback ids resolve to their asset; {@code signed} and
 * {@code drm} ones need a token for the right audience ({@code v} stream, {@code t} thumbnail, {@code s}
 * storyboard, {@code d} license). The stream is an HLS media playlist of fMP4 segments repackaged from the upload
 * (no transcoding), or of the upload as one segment when it cannot be repackaged.
 */
final class PlaybackHandler {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern SEGMENT = Pattern.compile("(\\d{1,6})\\.m4s");
    private static final int CACHED_LAYOUTS = 32;
    private static final Logger log = LoggerFactory.getLogger(PlaybackHandler.class);

    private final Map<String, Fmp4.Layout> layouts = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Fmp4.Layout> eldest) {
                    return size() > CACHED_LAYOUTS;
                }
            });
    private static final Pattern THUMBNAIL = Pattern.compile("thumbnail\\.(jpg|png)");

    private final Store store;
    private final PlaybackTokens tokens;

    PlaybackHandler(Store store, PlaybackTokens tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    private record Target(AssetState asset, PlaybackIdState playbackId, String token) {
    }

    void stream(HttpExchange exchange, String path) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (preflight(exchange)) {
            return;
        }
        List<String> s = Http.segments(path, "/stream");
        if (s.size() == 1 && s.getFirst().endsWith(".m3u8")) {
            Target target = resolve(exchange, s.getFirst().substring(0, s.getFirst().length() - 5), "v");
            if (target != null && ready(exchange, target, 412)) {
                playlist(exchange, target);
            }
        } else if (s.size() == 2 && s.get(1).equals("original.mp4")) {
            Target target = resolve(exchange, s.getFirst(), "v");
            if (target != null && ready(exchange, target, 412)) {
                video(exchange, store.uploadFile(target.asset().uploadId()));
            }
        } else if (s.size() == 2 && (s.get(1).equals("init.mp4") || SEGMENT.matcher(s.get(1)).matches())) {
            Target target = resolve(exchange, s.getFirst(), "v");
            if (target != null && ready(exchange, target, 412)) {
                fragment(exchange, target, s.get(1));
            }
        } else {
            Http.error(exchange, 404, "not_found", Http.NOT_FOUND_MESSAGE);
        }
    }

    void image(HttpExchange exchange, String path) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (preflight(exchange)) {
            return;
        }
        List<String> s = Http.segments(path, "/image");
        if (s.size() != 2) {
            Http.error(exchange, 404, "not_found", Http.NOT_FOUND_MESSAGE);
            return;
        }
        String playbackId = s.getFirst();
        String file = s.get(1);
        Matcher thumbnail = THUMBNAIL.matcher(file);
        if (thumbnail.matches()) {
            Target target = resolve(exchange, playbackId, "t");
            if (target != null && ready(exchange, target, 400)) {
                double time = timeOf(exchange, target);
                String format = thumbnail.group(1);
                Http.bytes(exchange, 200, format.equals("png") ? "image/png" : "image/jpeg",
                        Images.thumbnail(target.asset(), playbackId, time, format));
            }
        } else if (file.equals("storyboard.vtt") || file.equals("storyboard.jpg")) {
            Target target = resolve(exchange, playbackId, "s");
            if (target != null && ready(exchange, target, 400)) {
                if (file.equals("storyboard.jpg")) {
                    Http.bytes(exchange, 200, "image/jpeg", Images.storyboard(target.asset(), playbackId));
                } else {
                    String jpg = "storyboard.jpg" + query(target.token());
                    Http.bytes(exchange, 200, "text/vtt; charset=utf-8",
                            Images.storyboardVtt(target.asset(), jpg).getBytes(StandardCharsets.UTF_8));
                }
            }
        } else {
            Http.error(exchange, 404, "not_found", Http.NOT_FOUND_MESSAGE);
        }
    }

    /** {@code /license/{scheme}/{pid}} (also under an extra {@code /license} and {@code /appcert}): 501 after the token check. */
    void license(HttpExchange exchange, String path) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (preflight(exchange)) {
            return;
        }
        List<String> s = new ArrayList<>(Http.segments(path, "/license"));
        if (s.size() == 3 && (s.getFirst().equals("license") || s.getFirst().equals("appcert"))) {
            s.removeFirst();
        }
        if (s.size() != 2 || !List.of("widevine", "playready", "fairplay").contains(s.getFirst())) {
            Http.error(exchange, 404, "not_found", Http.NOT_FOUND_MESSAGE);
            return;
        }
        Target target = resolve(exchange, s.get(1), "d");
        if (target == null) {
            return;
        }
        Http.problem(exchange, 501, "not-implemented", "DRM licenses are not emulated",
                "The Mux emulator checks the license token but issues no " + s.getFirst() + " licenses.");
    }

    /** The playback id's asset, or null after answering 404 (unknown) or 403 (token missing or wrong). */
    private Target resolve(HttpExchange exchange, String playbackId, String audience) throws IOException {
        Optional<Map.Entry<AssetState, PlaybackIdState>> found = store.byPlaybackId(playbackId);
        if (found.isEmpty()) {
            Http.error(exchange, 404, "not_found", Http.NOT_FOUND_MESSAGE);
            return null;
        }
        PlaybackIdState id = found.get().getValue();
        String token = Http.query(exchange).get("token");
        boolean needsToken = !id.policy().equals("public") || audience.equals("d");
        if (needsToken) {
            Optional<String> problem = tokens.problem(token, playbackId, audience);
            if (problem.isPresent()) {
                Http.error(exchange, 403, "forbidden", problem.get());
                return null;
            }
        }
        return new Target(found.get().getKey(), id, needsToken ? token : null);
    }

    private static boolean ready(HttpExchange exchange, Target target, int notReadyStatus) throws IOException {
        if (target.asset().status().equals("ready")) {
            return true;
        }
        Http.error(exchange, notReadyStatus, "not_ready",
                "The asset is " + target.asset().status() + " and cannot be played yet.");
        return false;
    }

    private static double timeOf(HttpExchange exchange, Target target) {
        String time = Http.query(exchange).get("time");
        double duration = target.asset().media() == null ? 0 : target.asset().media().duration();
        if (time == null) {
            return duration / 2;
        }
        try {
            return Math.max(0, Math.min(duration, Double.parseDouble(time)));
        } catch (NumberFormatException e) {
            return duration / 2;
        }
    }

    /** The fMP4 packaging of an asset's upload, or empty if the file cannot be repackaged. */
    private Optional<Fmp4.Layout> layout(AssetState asset) {
        Fmp4.Layout cached = layouts.get(asset.id());
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            Fmp4.Layout layout = Fmp4.layout(store.uploadFile(asset.uploadId()));
            layouts.put(asset.id(), layout);
            return Optional.of(layout);
        } catch (Fmp4.Unsupported | IOException | RuntimeException e) {
            log.info("Serving asset {} as one progressive MP4 segment: {}", asset.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private void playlist(HttpExchange exchange, Target target) throws IOException {
        Optional<Fmp4.Layout> layout = layout(target.asset());
        if (layout.isEmpty()) {
            progressivePlaylist(exchange, target);
            return;
        }
        String pid = target.playbackId().id();
        String token = query(target.token());
        StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-PLAYLIST-TYPE:VOD\n")
                .append("#EXT-X-INDEPENDENT-SEGMENTS\n")
                .append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(layout.get().targetDuration())).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:0\n")
                .append("#EXT-X-MAP:URI=\"").append(pid).append("/init.mp4").append(token).append("\"\n");
        List<Fmp4.Segment> segments = layout.get().segments();
        for (int i = 0; i < segments.size(); i++) {
            playlist.append("#EXTINF:").append(String.format(Locale.ROOT, "%.3f", segments.get(i).duration()))
                    .append(",\n").append(pid).append('/').append(i).append(".m4s").append(token).append('\n');
        }
        playlist.append("#EXT-X-ENDLIST\n");
        Http.bytes(exchange, 200, "application/vnd.apple.mpegurl", playlist.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void fragment(HttpExchange exchange, Target target, String name) throws IOException {
        Optional<Fmp4.Layout> layout = layout(target.asset());
        if (layout.isEmpty()) {
            Http.error(exchange, 404, "not_found", Http.NOT_FOUND_MESSAGE);
            return;
        }
        if (name.equals("init.mp4")) {
            Http.bytes(exchange, 200, "video/mp4", layout.get().init());
            return;
        }
        Matcher segment = SEGMENT.matcher(name);
        int index = segment.matches() ? Integer.parseInt(segment.group(1)) : -1;
        if (index < 0 || index >= layout.get().segments().size()) {
            Http.error(exchange, 404, "not_found", Http.NOT_FOUND_MESSAGE);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "video/iso.segment");
        long length = Fmp4.segmentLength(layout.get(), index);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, length);
        try (OutputStream out = exchange.getResponseBody()) {
            Fmp4.writeSegment(layout.get(), index, store.uploadFile(target.asset().uploadId()), out);
        }
    }

    private static void progressivePlaylist(HttpExchange exchange, Target target) throws IOException {
        double duration = target.asset().media().duration();
        String segment = target.playbackId().id() + "/original.mp4" + query(target.token());
        String playlist = "#EXTM3U\n"
                + "#EXT-X-VERSION:3\n"
                + "#EXT-X-PLAYLIST-TYPE:VOD\n"
                + "#EXT-X-TARGETDURATION:" + (long) Math.ceil(duration) + "\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXTINF:" + String.format(Locale.ROOT, "%.3f", duration) + ",\n"
                + segment + "\n"
                + "#EXT-X-ENDLIST\n";
        Http.bytes(exchange, 200, "application/vnd.apple.mpegurl", playlist.getBytes(StandardCharsets.UTF_8));
    }

    private static String query(String token) {
        return token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The uploaded file with byte ranges, so a {@code <video>} element can seek. */
    private static void video(HttpExchange exchange, Path file) throws IOException {
        long size = Files.size(file);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "video/mp4");
        headers.set("Accept-Ranges", "bytes");
        headers.set("Access-Control-Expose-Headers", "Content-Range, Content-Length, Accept-Ranges");
        long from = 0;
        long to = size - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range.strip());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                headers.set("Content-Range", "bytes */" + size);
                Http.empty(exchange, 416);
                return;
            }
            if (m.group(1).isEmpty()) {
                from = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
            if (from >= size || from > to) {
                headers.set("Content-Range", "bytes */" + size);
                Http.empty(exchange, 416);
                return;
            }
            status = 206;
            headers.set("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        long length = to - from + 1;
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             OutputStream out = exchange.getResponseBody()) {
            var target = Channels.newChannel(out);
            long position = from;
            while (position <= to) {
                long sent = channel.transferTo(position, to - position + 1, target);
                if (sent <= 0) {
                    break;
                }
                position += sent;
            }
        }
    }

    private static boolean preflight(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("OPTIONS")) {
            return false;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
        headers.set("Access-Control-Allow-Headers", "Range, Content-Type");
        headers.set("Access-Control-Max-Age", "86400");
        Http.empty(exchange, 204);
        return true;
    }
}
