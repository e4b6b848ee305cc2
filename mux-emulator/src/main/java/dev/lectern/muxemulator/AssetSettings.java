package dev.lectern.muxemulator;

import dev.lectern.muxemulator.Http.MuxError;
import dev.lectern.muxemulator.Store.PlaybackIdState;
import dev.lectern.muxemulator.Store.TrackState;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The settings of a new asset, as {@code POST /video/v1/assets} takes them and a direct upload's
 * {@code new_asset_settings} holds them: validated like Mux (400 {@code invalid_parameters} otherwise) and read
 * into what the emulator acts on. {@code echo} is what the upload echoes (a singular {@code playback_policy}
 * becomes {@code playback_policies}).
 */
record AssetSettings(ObjectNode echo, String inputUrl, List<String> policies, List<ObjectNode> advancedPolicies,
                     String passthrough, String videoQuality, String maxResolutionTier, JsonNode meta, boolean test,
                     String mp4Support, List<TrackRequest> tracks) {

    private static final Set<String> POLICIES = Set.of("public", "signed", "drm");
    private static final Set<String> QUALITIES = Set.of("basic", "plus", "premium");
    private static final Set<String> TIERS = Set.of("1080p", "1440p", "2160p");
    static final Set<String> MP4_SUPPORT = Set.of("none", "standard", "capped-1080p", "audio-only",
            "audio-only,capped-1080p");
    /** Languages of Mux's auto-generated captions (stable and beta). */
    static final Set<String> GENERATED_LANGUAGES = Set.of("en", "es", "it", "pt", "de", "fr", "pl", "ru", "nl", "ca",
            "tr", "sv", "uk", "no", "fi", "sk", "el", "cs", "hr", "da", "ro", "bg");
    static final int MAX_PASSTHROUGH = 255;

    /** A text track the inputs ask for: generated from the first input's audio, or a subtitle file at {@code url}. */
    record TrackRequest(boolean generated, String url, String languageCode, String name, Boolean closedCaptions,
                        String passthrough) {

        TrackState toTrack() {
            return new TrackState(Ids.resource(), generated ? "generated_vod" : "uploaded", languageCode, name,
                    closedCaptions, passthrough, "preparing", url, null);
        }
    }

    /** The body of {@code POST /video/v1/assets}: the first input needs a {@code url}. */
    static AssetSettings ofAsset(JsonNode body) {
        return parse(body, false);
    }

    /** A direct upload's {@code new_asset_settings} (null when absent): the upload is the first input. */
    static AssetSettings ofUpload(JsonNode settings) {
        if (settings == null || settings.isMissingNode() || settings.isNull()) {
            return parse(Http.object(), true);
        }
        if (!settings.isObject()) {
            throw MuxError.invalid("new_asset_settings must be an object");
        }
        return parse(settings, true);
    }

    /** The playback ids these settings ask for, with new ids. */
    List<PlaybackIdState> playbackIds() {
        List<PlaybackIdState> ids = new ArrayList<>();
        policies.forEach(policy -> ids.add(new PlaybackIdState(Ids.playback(), policy, null)));
        for (ObjectNode advanced : advancedPolicies) {
            String config = advanced.path("drm_configuration_id").isString()
                    ? advanced.path("drm_configuration_id").asString() : null;
            ids.add(new PlaybackIdState(Ids.playback(), advanced.path("policy").asString(), config));
        }
        return ids;
    }

    /** The video quality asked for, else {@code plus} for DRM (Mux requires it) or {@code basic}. */
    String quality() {
        if (videoQuality != null) {
            return videoQuality;
        }
        return advancedPolicies.stream().anyMatch(p -> p.path("policy").asString("").equals("drm")) ? "plus" : "basic";
    }

    private static AssetSettings parse(JsonNode settings, boolean directUpload) {
        if (!settings.isObject()) {
            throw MuxError.invalid("The request body must be a JSON object");
        }
        ObjectNode echo = (ObjectNode) settings.deepCopy();
        List<String> policies = policies(settings, echo);
        List<ObjectNode> advanced = advancedPolicies(settings, policies);
        String passthrough = optionalText(settings, "passthrough");
        if (passthrough != null && passthrough.length() > MAX_PASSTHROUGH) {
            throw MuxError.invalid("passthrough must be at most " + MAX_PASSTHROUGH + " characters");
        }
        String quality = optionalText(settings, "video_quality");
        if (quality != null && !QUALITIES.contains(quality)) {
            throw MuxError.invalid("video_quality must be basic, plus or premium");
        }
        boolean drm = advanced.stream().anyMatch(p -> p.path("policy").asString("").equals("drm"));
        if (drm && "basic".equals(quality)) {
            throw MuxError.invalid("DRM is not available for the basic video quality");
        }
        String tier = optionalText(settings, "max_resolution_tier");
        if (tier != null && !TIERS.contains(tier)) {
            throw MuxError.invalid("max_resolution_tier must be 1080p, 1440p or 2160p");
        }
        String mp4Support = optionalText(settings, "mp4_support");
        if (mp4Support != null && !MP4_SUPPORT.contains(mp4Support)) {
            throw MuxError.invalid("mp4_support must be one of none, standard, capped-1080p, audio-only, "
                    + "audio-only,capped-1080p");
        }
        if (settings.has("static_renditions")) {
            throw MuxError.invalid("static_renditions are not emulated (the Mux emulator models mp4_support); "
                    + "mp4_support and static_renditions cannot be used together on Mux either");
        }
        if (settings.has("generated_subtitles")) {
            throw MuxError.invalid("generated_subtitles belongs in the first input: inputs[0].generated_subtitles");
        }
        boolean test = booleanField(settings, "test");
        JsonNode meta = settings.path("meta").isObject() ? settings.path("meta") : null;
        Inputs inputs = inputs(settings, directUpload);
        return new AssetSettings(echo, inputs.url, policies, advanced, passthrough, quality, tier, meta, test,
                mp4Support == null ? "none" : mp4Support, inputs.tracks);
    }

    private static List<String> policies(JsonNode settings, ObjectNode echo) {
        JsonNode plain = settings.has("playback_policies") ? settings.path("playback_policies")
                : settings.path("playback_policy");
        echo.remove("playback_policy");
        List<String> policies = new ArrayList<>();
        if (plain.isString()) {
            policies.add(plain.asString());
        } else if (plain.isArray()) {
            plain.forEach(p -> policies.add(p.isString() ? p.asString() : ""));
        } else if (!plain.isMissingNode() && !plain.isNull()) {
            throw MuxError.invalid("playback_policies must be an array of strings");
        }
        for (String policy : policies) {
            if (!POLICIES.contains(policy)) {
                throw MuxError.invalid("playback_policies may contain only public, signed or drm");
            }
            if (policy.equals("drm")) {
                throw MuxError.invalid("The drm policy needs advanced_playback_policies with a drm_configuration_id");
            }
        }
        if (!policies.isEmpty() || settings.has("playback_policy")) {
            ArrayNode array = echo.putArray("playback_policies");
            policies.forEach(array::add);
        }
        return policies;
    }

    private static List<ObjectNode> advancedPolicies(JsonNode settings, List<String> policies) {
        JsonNode advanced = settings.path("advanced_playback_policies");
        if (advanced.isMissingNode() || advanced.isNull()) {
            return List.of();
        }
        if (!advanced.isArray()) {
            throw MuxError.invalid("advanced_playback_policies must be an array");
        }
        if (!policies.isEmpty() && !advanced.isEmpty()) {
            throw MuxError.invalid("playback_policies and advanced_playback_policies cannot both be set");
        }
        List<ObjectNode> entries = new ArrayList<>();
        for (JsonNode entry : advanced) {
            String policy = entry.path("policy").asString("");
            if (!entry.isObject() || !POLICIES.contains(policy)) {
                throw MuxError.invalid("advanced_playback_policies[].policy must be public, signed or drm");
            }
            if (policy.equals("drm") && optionalText(entry, "drm_configuration_id") == null) {
                throw MuxError.invalid("A drm policy needs a drm_configuration_id");
            }
            entries.add((ObjectNode) entry);
        }
        return entries;
    }

    private record Inputs(String url, List<TrackRequest> tracks) {
    }

    /**
     * {@code inputs} (or the deprecated {@code input}, also a bare URL): the first is the video (its {@code url}
     * is the upload for a direct upload) and may ask for {@code generated_subtitles}; the others may be subtitle
     * files ({@code type: text}). Text track names must be unique.
     */
    private static Inputs inputs(JsonNode settings, boolean directUpload) {
        JsonNode inputs = settings.has("inputs") ? settings.path("inputs") : settings.path("input");
        String name = settings.has("inputs") ? "inputs" : "input";
        List<JsonNode> list = new ArrayList<>();
        if (inputs.isString() && !directUpload) {
            list.add(Http.object().put("url", inputs.asString()));
        } else if (inputs.isArray()) {
            inputs.forEach(list::add);
        } else if (!inputs.isMissingNode() && !inputs.isNull()) {
            throw MuxError.invalid(name + " must be an array of input objects");
        }
        if (!directUpload && list.isEmpty()) {
            throw MuxError.invalid("inputs must hold at least one input with a url");
        }
        String url = null;
        List<TrackRequest> tracks = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode input = list.get(i);
            String at = name + "[" + i + "]";
            if (!input.isObject()) {
                throw MuxError.invalid(at + " must be an object");
            }
            if (i == 0) {
                if (!directUpload) {
                    url = url(input.path("url"), at + ".url");
                }
                tracks.addAll(generatedSubtitles(input.path("generated_subtitles"), at));
                continue;
            }
            if (input.has("generated_subtitles")) {
                throw MuxError.invalid(at + ": generated_subtitles is allowed only on the first input");
            }
            tracks.add(textInput(input, at));
        }
        Set<String> names = new HashSet<>();
        for (TrackRequest track : tracks) {
            if (!names.add(track.name())) {
                throw MuxError.invalid("Text track names must be unique within an asset; '" + track.name()
                        + "' is used twice");
            }
        }
        return new Inputs(url, tracks);
    }

    /** {@code generated_subtitles}: {@code [{language_code (default en), name, passthrough}]}. */
    static List<TrackRequest> generatedSubtitles(JsonNode generated, String at) {
        if (generated.isMissingNode() || generated.isNull()) {
            return List.of();
        }
        if (!generated.isArray()) {
            throw MuxError.invalid((at.isEmpty() ? "" : at + ".") + "generated_subtitles must be an array");
        }
        List<TrackRequest> tracks = new ArrayList<>();
        for (JsonNode entry : generated) {
            String field = (at.isEmpty() ? "" : at + ".") + "generated_subtitles[]";
            if (!entry.isObject()) {
                throw MuxError.invalid(field + " must be an object");
            }
            String language = optionalText(entry, "language_code");
            if (language == null) {
                language = "en";
            }
            if (!GENERATED_LANGUAGES.contains(language)) {
                throw MuxError.invalid(field + ".language_code '" + language
                        + "' is not a language Mux generates captions in");
            }
            tracks.add(new TrackRequest(true, null, language, name(entry, language), null, passthrough(entry)));
        }
        return tracks;
    }

    private static TrackRequest textInput(JsonNode input, String at) {
        String type = optionalText(input, "type");
        if (!"text".equals(type)) {
            throw MuxError.invalid(at + ": only text tracks (type text) are emulated after the first input");
        }
        return trackRequest(input, at);
    }

    /** A subtitle file: the body of {@code POST .../tracks} or an extra text input; 400 when invalid. */
    static TrackRequest trackRequest(JsonNode body, String at) {
        String prefix = at.isEmpty() ? "" : at + ".";
        String type = optionalText(body, "type");
        if ("audio".equals(type)) {
            throw MuxError.invalid("Audio tracks are not emulated; only text tracks are");
        }
        if (!"text".equals(type)) {
            throw MuxError.invalid(prefix + "type must be text");
        }
        String textType = optionalText(body, "text_type");
        if (!"subtitles".equals(textType)) {
            throw MuxError.invalid(prefix + "text_type must be subtitles (chapters are not emulated)");
        }
        String url = url(body.path("url"), prefix + "url");
        String language = optionalText(body, "language_code");
        if (language == null || language.isBlank()) {
            throw MuxError.invalid(prefix + "language_code is required for text tracks");
        }
        try {
            new Locale.Builder().setLanguageTag(language);
        } catch (IllformedLocaleException e) {
            throw MuxError.invalid(prefix + "language_code '" + language + "' is not a BCP 47 language tag");
        }
        Boolean closedCaptions = body.has("closed_captions") && !body.path("closed_captions").isNull()
                ? booleanField(body, "closed_captions") : null;
        return new TrackRequest(false, url, language, name(body, language), closedCaptions, passthrough(body));
    }

    /** The given name, else the language's English name ({@code en-US} → "English (United States)"). */
    private static String name(JsonNode entry, String language) {
        String name = optionalText(entry, "name");
        if (name != null && !name.isBlank()) {
            return name;
        }
        String display = Locale.forLanguageTag(language).getDisplayName(Locale.ENGLISH);
        return display.isBlank() ? language : display;
    }

    private static String passthrough(JsonNode entry) {
        String passthrough = optionalText(entry, "passthrough");
        if (passthrough != null && passthrough.length() > MAX_PASSTHROUGH) {
            throw MuxError.invalid("passthrough must be at most " + MAX_PASSTHROUGH + " characters");
        }
        return passthrough;
    }

    private static String url(JsonNode value, String field) {
        String text = value.isString() ? value.asString() : null;
        if (text == null) {
            throw MuxError.invalid(field + " is required");
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new URISyntaxException(text, "not an http(s) URL");
            }
            return text;
        } catch (URISyntaxException e) {
            throw MuxError.invalid(field + " has url set to \"" + text + "\", which is not a valid URL.");
        }
    }

    static String optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw MuxError.invalid(field + " must be a string");
        }
        return value.asString();
    }

    static boolean booleanField(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw MuxError.invalid(field + " must be a boolean");
        }
        return value.asBoolean();
    }
}
