package dev.lectern.muxemulator;

import com.sun.net.httpserver.HttpExchange;
import dev.lectern.muxemulator.Http.MuxError;
import dev.lectern.muxemulator.Store.AssetState;
import dev.lectern.muxemulator.Store.KeyState;
import dev.lectern.muxemulator.Store.PlaybackIdState;
import dev.lectern.muxemulator.Store.UploadState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /video/v1/**} and {@code /system/v1/**}: Mux's REST API behind HTTP Basic. */
final class ApiHandler {

    private static final int MAX_BODY = 64 * 1024;
    private static final Set<String> POLICIES = Set.of("public", "signed", "drm");

    private final MuxEmulatorSettings settings;
    private final Store store;
    private final Pipeline pipeline;
    private final Supplier<String> baseUrl;
    private final SigningKeys signingKeys;
    private final java.util.concurrent.atomic.AtomicReference<Fault> fault = new java.util.concurrent.atomic.AtomicReference<>();

    /** The next {@code remaining} authenticated API calls fail with {@code status}. */
    private record Fault(int status, int remaining) {
    }

    ApiHandler(MuxEmulatorSettings settings, Store store, Pipeline pipeline, SigningKeys signingKeys,
               Supplier<String> baseUrl) {
        this.settings = settings;
        this.store = store;
        this.pipeline = pipeline;
        this.signingKeys = signingKeys;
        this.baseUrl = baseUrl;
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        if (!authorized(exchange)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Mux\"");
            Http.error(exchange, 401, "unauthorized", "Unauthorized request");
            return;
        }
        if (takeFault(exchange)) {
            return;
        }
        String method = exchange.getRequestMethod();
        if (path.startsWith("/system/v1/")) {
            system(exchange, method, Http.segments(path, "/system/v1"));
            return;
        }
        List<String> s = Http.segments(path, "/video/v1");
        if (s.isEmpty()) {
            throw MuxError.notFound();
        }
        switch (s.getFirst()) {
            case "uploads" -> uploads(exchange, method, s);
            case "assets" -> assets(exchange, method, s);
            case "playback-ids" -> playbackIdLookup(exchange, method, s);
            case "signing-keys" -> system(exchange, method, s);
            default -> throw MuxError.notFound();
        }
    }

    void failNext(int status, int count) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        fault.set(count == 0 ? null : new Fault(status, count));
    }

    private boolean takeFault(HttpExchange exchange) throws IOException {
        Fault current = fault.getAndUpdate(f -> f == null || f.remaining() <= 1 ? null : new Fault(f.status(), f.remaining() - 1));
        if (current == null) {
            return false;
        }
        exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
        if (current.status() == 429) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            Http.error(exchange, 429, "too_many_requests", "Too many requests");
        } else if (current.status() >= 500) {
            Http.error(exchange, current.status(), "internal_server_error", "Internal server error");
        } else {
            Http.error(exchange, current.status(), "invalid_parameters", "Injected failure");
        }
        return true;
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (settings.tokenId() + ":" + settings.tokenSecret()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, decoded.getBytes(StandardCharsets.UTF_8));
    }

    // uploads

    private void uploads(HttpExchange exchange, String method, List<String> s) throws IOException {
        if (s.size() == 1 && method.equals("POST")) {
            createUpload(exchange);
        } else if (s.size() == 1 && method.equals("GET")) {
            ArrayNode list = Http.JSON.createArrayNode();
            page(exchange, store.uploads()).forEach(u -> list.add(Views.upload(u, baseUrl.get())));
            Http.data(exchange, 200, list);
        } else if (s.size() == 2 && method.equals("GET")) {
            Http.data(exchange, 200, Views.upload(upload(s.get(1)), baseUrl.get()));
        } else if (s.size() == 3 && s.get(2).equals("cancel") && method.equals("PUT")) {
            UploadState upload;
            synchronized (store) {
                upload = upload(s.get(1));
                if (!upload.status().equals("waiting")) {
                    throw new MuxError(403, "forbidden", "Upload cancellation is no longer possible");
                }
                pipeline.uploadCancelled(upload);
                upload = upload(s.get(1));
            }
            Http.data(exchange, 200, Views.upload(upload, baseUrl.get()));
        } else {
            throw notAllowed(s);
        }
    }

    private UploadState upload(String id) {
        return store.upload(id).orElseThrow(MuxError::notFound);
    }

    private void createUpload(HttpExchange exchange) throws IOException {
        JsonNode body = Http.readJson(exchange, MAX_BODY);
        if (!body.isObject()) {
            throw MuxError.invalid("The request body must be a JSON object");
        }
        String corsOrigin = AssetSettings.optionalText(body, "cors_origin");
        int timeout = 3600;
        JsonNode timeoutNode = body.path("timeout");
        if (!timeoutNode.isMissingNode() && !timeoutNode.isNull()) {
            if (!timeoutNode.canConvertToInt() || !timeoutNode.isIntegralNumber()) {
                throw MuxError.invalid("timeout must be an integer");
            }
            timeout = timeoutNode.asInt();
            if (timeout < 60 || timeout > 604_800) {
                throw MuxError.invalid("timeout must be between 60 and 604800");
            }
        }
        boolean test = AssetSettings.booleanField(body, "test");
        JsonNode settings = body.path("new_asset_settings");
        ObjectNode echo = AssetSettings.ofUpload(settings).echo();
        UploadState upload = new UploadState(Ids.resource(), Ids.signature(), "waiting", timeout, corsOrigin,
                settings.isMissingNode() || settings.isNull() ? null : echo, test, System.currentTimeMillis(), null,
                null);
        pipeline.uploadCreated(upload);
        Http.data(exchange, 201, Views.upload(upload, baseUrl.get()));
    }

    // assets

    private void assets(HttpExchange exchange, String method, List<String> s) throws IOException {
        if (s.size() >= 3 && s.get(2).equals("tracks")) {
            tracks(exchange, method, s);
        } else if (s.size() == 1 && method.equals("POST")) {
            AssetSettings settings = AssetSettings.ofAsset(Http.readJson(exchange, MAX_BODY));
            Http.data(exchange, 201, Views.asset(pipeline.createAsset(settings), false));
        } else if (s.size() == 1 && method.equals("GET")) {
            String uploadId = Http.query(exchange).get("upload_id");
            ArrayNode list = Http.JSON.createArrayNode();
            page(exchange, store.assets().stream().filter(a -> uploadId == null || uploadId.equals(a.uploadId()))
                    .toList()).forEach(a -> list.add(Views.asset(a, false)));
            ObjectNode body = Http.object();
            body.set("data", list);
            body.putNull("next_cursor");
            Http.json(exchange, 200, body);
        } else if (s.size() == 2 && method.equals("GET")) {
            Http.data(exchange, 200, Views.asset(asset(s.get(1)), false));
        } else if (s.size() == 2 && method.equals("DELETE")) {
            if (!pipeline.deleteAsset(s.get(1))) {
                throw MuxError.notFound();
            }
            Http.empty(exchange, 204);
        } else if (s.size() == 3 && s.get(2).equals("playback-ids") && method.equals("POST")) {
            createPlaybackId(exchange, s.get(1));
        } else if (s.size() == 4 && s.get(2).equals("playback-ids") && method.equals("GET")) {
            Http.data(exchange, 200, Views.playbackId(playbackIdOf(asset(s.get(1)), s.get(3))));
        } else if (s.size() == 4 && s.get(2).equals("playback-ids") && method.equals("DELETE")) {
            synchronized (store) {
                AssetState asset = asset(s.get(1));
                PlaybackIdState id = playbackIdOf(asset, s.get(3));
                List<PlaybackIdState> rest = new ArrayList<>(asset.playbackIds());
                rest.remove(id);
                store.put(asset.withPlaybackIds(rest));
            }
            Http.empty(exchange, 204);
        } else {
            throw notAllowed(s);
        }
    }

    /**
     * {@code POST .../tracks} (a subtitle file), {@code DELETE .../tracks/{id}} and
     * {@code POST .../tracks/{audio track}/generate-subtitles}.
     */
    private void tracks(HttpExchange exchange, String method, List<String> s) throws IOException {
        TextTracks tracks = pipeline.tracks();
        String assetId = s.get(1);
        if (s.size() == 3 && method.equals("POST")) {
            JsonNode body = object(exchange);
            Http.data(exchange, 201, Views.track(tracks.add(assetId, AssetSettings.trackRequest(body, "")), null));
        } else if (s.size() == 4 && method.equals("DELETE")) {
            tracks.delete(assetId, s.get(3));
            Http.empty(exchange, 204);
        } else if (s.size() == 5 && s.get(4).equals("generate-subtitles") && method.equals("POST")) {
            List<AssetSettings.TrackRequest> requests = AssetSettings.generatedSubtitles(
                    object(exchange).path("generated_subtitles"), "");
            if (requests.isEmpty()) {
                throw MuxError.invalid("generated_subtitles must list at least one language");
            }
            ArrayNode created = Http.JSON.createArrayNode();
            tracks.generate(assetId, s.get(3), requests).forEach(t -> created.add(Views.track(t, null)));
            Http.data(exchange, 201, created);
        } else {
            throw notAllowed(s);
        }
    }

    private static JsonNode object(HttpExchange exchange) throws IOException {
        JsonNode body = Http.readJson(exchange, MAX_BODY);
        if (!body.isObject()) {
            throw MuxError.invalid("The request body must be a JSON object");
        }
        return body;
    }

    private void createPlaybackId(HttpExchange exchange, String assetId) throws IOException {
        JsonNode body = Http.readJson(exchange, MAX_BODY);
        String policy = AssetSettings.optionalText(body, "policy");
        if (policy == null || !POLICIES.contains(policy)) {
            throw MuxError.invalid("policy must be public, signed or drm");
        }
        String config = AssetSettings.optionalText(body, "drm_configuration_id");
        if (policy.equals("drm") && (config == null || config.isBlank())) {
            throw MuxError.invalid("A drm policy needs a drm_configuration_id");
        }
        PlaybackIdState id = new PlaybackIdState(Ids.playback(), policy, policy.equals("drm") ? config : null);
        synchronized (store) {
            AssetState asset = asset(assetId);
            List<PlaybackIdState> ids = new ArrayList<>(asset.playbackIds());
            ids.add(id);
            store.put(asset.withPlaybackIds(ids));
        }
        Http.data(exchange, 201, Views.playbackId(id));
    }

    private AssetState asset(String id) {
        return store.asset(id).orElseThrow(MuxError::notFound);
    }

    private static PlaybackIdState playbackIdOf(AssetState asset, String playbackId) {
        return asset.playbackIds().stream().filter(p -> p.id().equals(playbackId)).findFirst()
                .orElseThrow(MuxError::notFound);
    }

    private void playbackIdLookup(HttpExchange exchange, String method, List<String> s) throws IOException {
        if (s.size() != 2 || !method.equals("GET")) {
            throw notAllowed(s);
        }
        Map.Entry<AssetState, PlaybackIdState> found = store.byPlaybackId(s.get(1)).orElseThrow(MuxError::notFound);
        ObjectNode node = Views.playbackId(found.getValue());
        ObjectNode object = node.putObject("object");
        object.put("type", "asset");
        object.put("id", found.getKey().id());
        Http.data(exchange, 200, node);
    }

    // signing keys

    private void system(HttpExchange exchange, String method, List<String> s) throws IOException {
        if (s.isEmpty() || !s.getFirst().equals("signing-keys")) {
            throw MuxError.notFound();
        }
        if (s.size() == 1 && method.equals("POST")) {
            SigningKey key = signingKeys.create();
            ObjectNode node = keyView(store.key(key.id()).orElseThrow());
            node.put("private_key", key.privateKey());
            Http.data(exchange, 201, node);
        } else if (s.size() == 2 && method.equals("GET")) {
            Http.data(exchange, 200, keyView(store.key(s.get(1)).orElseThrow(MuxError::notFound)));
        } else if (s.size() == 2 && method.equals("DELETE")) {
            if (!store.removeKey(s.get(1))) {
                throw MuxError.notFound();
            }
            Http.empty(exchange, 204);
        } else {
            throw notAllowed(s);
        }
    }

    private static ObjectNode keyView(KeyState key) {
        ObjectNode node = Http.object();
        node.put("id", key.id());
        node.put("created_at", Long.toString(key.createdAt()));
        return node;
    }

    // helpers

    private static <T> List<T> page(HttpExchange exchange, List<T> all) {
        Map<String, String> query = Http.query(exchange);
        int limit = parse(query.get("limit"), 25, 1, 100);
        int page = parse(query.get("page"), 1, 1, Integer.MAX_VALUE);
        long from = (long) (page - 1) * limit;
        return all.stream().skip(from).limit(limit).toList();
    }

    private static int parse(String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw MuxError.invalid("page and limit must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw MuxError.invalid("page and limit must be integers");
        }
    }

    private static MuxError notAllowed(List<String> s) {
        return s.size() <= 5 ? new MuxError(405, "method_not_allowed", "Method not allowed") : MuxError.notFound();
    }
}
