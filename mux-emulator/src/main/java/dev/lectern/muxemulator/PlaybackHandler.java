package dev.lectern.muxemulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.lectern.muxemulator.Store.AssetState;
import dev.lectern.muxemulator.Store.PlaybackIdState;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * stream.mux.com, image.mux.com and license.mux.com: playback ids resolve to their asset; {@code signed} and
 * {@code drm} ones need a token for the right audience ({@code v} stream, text tracks and static renditions,
 * {@code t} thumbnail, {@code s} storyboard, {@code d} license). What the stream host serves is {@link Streams}.
 */
final class PlaybackHandler {

    private static final Pattern THUMBNAIL = Pattern.compile("thumbnail\\.(jpg|png)");

    private final Store store;
    private final PlaybackTokens tokens;
    private final Streams streams;

    PlaybackHandler(Store store, PlaybackTokens tokens) {
        this.store = store;
        this.tokens = tokens;
        this.streams = new Streams(store);
    }

    private record Target(AssetState asset, PlaybackIdState playbackId, String token) {
    }

    void stream(HttpExchange exchange, String path) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (preflight(exchange)) {
            return;
        }
        List<String> s = Http.segments(path, "/stream");
        String playbackId;
        String file;
        if (s.size() == 1 && s.getFirst().endsWith(".m3u8")) {
            playbackId = s.getFirst().substring(0, s.getFirst().length() - 5);
            file = null;
        } else if (s.size() >= 2 && s.size() <= 3) {
            playbackId = s.getFirst();
            file = String.join("/", s.subList(1, s.size()));
        } else {
            Http.error(exchange, 404, "not_found", Http.NOT_FOUND_MESSAGE);
            return;
        }
        Target target = resolve(exchange, playbackId, "v");
        if (target != null && ready(exchange, target, 412)) {
            streams.serve(exchange, target.asset(), target.playbackId(), target.token(), file,
                    defaultSubtitlesLanguage(exchange, target));
        }
    }

    /** {@code default_subtitles_lang}: a claim of the token for a signed playback id, else a query parameter. */
    private String defaultSubtitlesLanguage(HttpExchange exchange, Target target) {
        if (target.token() != null) {
            return tokens.claim(target.token(), "default_subtitles_lang").orElse(null);
        }
        return Http.query(exchange).get("default_subtitles_lang");
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

    private static String query(String token) {
        return token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
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
