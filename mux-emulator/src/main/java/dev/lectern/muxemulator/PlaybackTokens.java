package dev.lectern.muxemulator;

import dev.lectern.muxemulator.Store.KeyState;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks Mux playback tokens: RS256 JWTs signed with a registered signing key ({@code kid} in the header or the
 * claims), {@code sub} = the playback id, {@code aud} = what is fetched, {@code exp} in the future.
 */
final class PlaybackTokens {

    private final Store store;

    PlaybackTokens(Store store) {
        this.store = store;
    }

    /** Why the token does not open this resource, or empty when it does. */
    Optional<String> problem(String token, String playbackId, String audience) {
        if (token == null || token.isBlank()) {
            return Optional.of("a signed playback id needs a token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.of("the token is not a JWT");
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            header = Http.JSON.readTree(decoder.decode(parts[0]));
            claims = Http.JSON.readTree(decoder.decode(parts[1]));
            signature = decoder.decode(parts[2]);
        } catch (RuntimeException malformed) {
            return Optional.of("the token is not a JWT");
        }
        if (!"RS256".equals(header.path("alg").asString(""))) {
            return Optional.of("the token must be signed with RS256");
        }
        String kid = header.path("kid").isString() ? header.path("kid").asString() : claims.path("kid").asString("");
        Optional<KeyState> key = store.key(kid);
        if (key.isEmpty()) {
            return Optional.of("the token's signing key is unknown");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(Keys.decodePublic(key.get().publicKey()));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) {
                return Optional.of("the token's signature is invalid");
            }
        } catch (GeneralSecurityException e) {
            return Optional.of("the token's signature is invalid");
        }
        if (!playbackId.equals(claims.path("sub").asString(""))) {
            return Optional.of("the token is for another playback id");
        }
        if (!audienceMatches(claims.path("aud"), audience)) {
            return Optional.of("the token's audience is not '" + audience + "'");
        }
        JsonNode exp = claims.path("exp");
        if (!exp.isNumber() || exp.asLong() <= Instant.now().getEpochSecond()) {
            return Optional.of("the token has expired");
        }
        return Optional.empty();
    }

    /** A string claim of a token already checked with {@link #problem}; empty when absent or not a string. */
    Optional<String> claim(String token, String name) {
        String[] parts = token.split("\\.", -1);
        try {
            JsonNode value = Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path(name);
            return value.isString() ? Optional.of(value.asString()) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static boolean audienceMatches(JsonNode aud, String expected) {
        if (aud.isString()) {
            return aud.asString().equals(expected);
        }
        if (aud.isArray()) {
            for (JsonNode value : aud) {
                if (value.isString() && value.asString().equals(expected)) {
                    return true;
                }
            }
        }
        return false;
    }
}
