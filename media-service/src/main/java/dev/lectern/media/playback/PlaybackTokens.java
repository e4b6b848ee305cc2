package dev.lectern.media.playback;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs playback tokens in Mux's format: RS256 with the Mux signing key, {@code kid} in the header and in the
 * claims (Mux's SDKs differ on where; both is accepted), {@code sub} = playback id, {@code aud} = what the
 * token opens, and a short {@code exp} the client refreshes before it passes.
 */
public final class PlaybackTokens {

    /** What a token opens, as Mux's {@code aud} letters. */
    public enum Audience {
        VIDEO("v"), THUMBNAIL("t"), STORYBOARD("s"), DRM_LICENSE("d");

        private final String claim;

        Audience(String claim) {
            this.claim = claim;
        }

        public String claim() {
            return claim;
        }
    }

    /** A token and the moment it stops working. */
    public record Token(String jwt, Instant expiresAt) {
    }

    private final MuxSigningKey key;
    private final Duration ttl;
    private final Clock clock;
    private final RSASSASigner signer;

    public PlaybackTokens(MuxSigningKey key, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        this.key = key;
        this.ttl = ttl;
        this.clock = clock;
        this.signer = new RSASSASigner(key.privateKey());
    }

    public Token sign(String playbackId, Audience audience) {
        Instant expiresAt = clock.instant().plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(playbackId)
                .audience(audience.claim())
                .expirationTime(Date.from(expiresAt))
                .claim("kid", key.id())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.id()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a playback token", e);
        }
        return new Token(jwt.serialize(), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }
}
