package dev.lectern.media.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PlaybackTokensTest {

    private static final KeyPair KEYS = generate();
    private final Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    @Test
    void tokenVerifiesWithThePublicKeyAndCarriesTheClaimsMuxRequires() throws Exception {
        var tokens = new PlaybackTokens(MuxSigningKey.parse("key-1", muxStyle(pkcs1Pem())), Duration.ofMinutes(10), clock);

        PlaybackTokens.Token token = tokens.sign("pb-123", PlaybackTokens.Audience.VIDEO);

        SignedJWT jwt = SignedJWT.parse(token.jwt());
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) KEYS.getPublic()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("key-1");
        Map<String, Object> claims = JsonMapper.builder().build().readValue(
                Base64.getUrlDecoder().decode(token.jwt().split("\\.")[1]), Map.class);
        assertThat(claims).containsEntry("sub", "pb-123").containsEntry("aud", "v").containsEntry("kid", "key-1")
                .containsOnlyKeys("sub", "aud", "kid", "exp");
        assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(now.plus(Duration.ofMinutes(10)).getEpochSecond());
        assertThat(token.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(10)));
    }

    @Test
    void eachAudienceHasMuxsLetter() throws Exception {
        var tokens = new PlaybackTokens(MuxSigningKey.parse("k", pkcs8Pem()), Duration.ofMinutes(1), clock);

        for (var audience : PlaybackTokens.Audience.values()) {
            assertThat(SignedJWT.parse(tokens.sign("pb", audience).jwt()).getJWTClaimsSet().getAudience())
                    .containsExactly(audience.claim());
        }
        assertThat(PlaybackTokens.Audience.DRM_LICENSE.claim()).isEqualTo("d");
        assertThat(PlaybackTokens.Audience.STORYBOARD.claim()).isEqualTo("s");
        assertThat(PlaybackTokens.Audience.THUMBNAIL.claim()).isEqualTo("t");
    }

    @Test
    void pkcs1AndPkcs8FormsOfTheSameKeyAreTheSameKey() {
        assertThat(MuxSigningKey.parse("k", muxStyle(pkcs1Pem())).privateKey())
                .isEqualTo(MuxSigningKey.parse("k", pkcs8Pem()).privateKey());
    }

    @Test
    void garbageKeyIsRefusedAndTheKeyNeverPrints() {
        assertThatThrownBy(() -> MuxSigningKey.parse("k", Base64.getEncoder().encodeToString(
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MuxSigningKey.parse("k", pkcs8Pem()).toString()).doesNotContain(pkcs8Pem().substring(40, 80));
    }

    @Test
    void lifetimeMustBePositive() {
        assertThatThrownBy(() -> new PlaybackTokens(MuxSigningKey.parse("k", pkcs8Pem()), Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String pkcs8Pem() {
        return pem("PRIVATE KEY", KEYS.getPrivate().getEncoded());
    }

    /** Mux hands out PKCS#1; a 2048-bit key's PKCS#8 wrapper is a 26-byte header around it. */
    private static String pkcs1Pem() {
        byte[] pkcs8 = KEYS.getPrivate().getEncoded();
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** As in MUX_SIGNING_KEY_PRIVATE: the PEM, base64-encoded once more. */
    private static String muxStyle(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
