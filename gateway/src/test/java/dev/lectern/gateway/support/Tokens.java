package dev.lectern.gateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Access tokens as auth-service makes them, and the usual forgeries. */
public final class Tokens {

    public static final String ISSUER = "lectern-auth";
    public static final String AUDIENCE = "lectern-api";

    private Tokens() {
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static JWTClaimsSet.Builder claims(UUID userId, String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .claim("role", role)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    public static String rs256(RSAKey key, String kid, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String rs256(RSAKey key, UUID userId, String role, UnaryOperator<JWTClaimsSet.Builder> change) {
        return rs256(key, key.getKeyID(), change.apply(claims(userId, role)));
    }

    /** HS256 with the RSA public key's bytes as the HMAC secret: the classic algorithm-confusion forgery. */
    public static String hs256WithPublicKey(RSAKey key, UUID userId, String role) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    claims(userId, role).build());
            jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** An unsigned token, {@code alg: none}. */
    public static String unsigned(String kid, UUID userId, String role) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"none\",\"kid\":\"" + kid + "\"}";
        String payload = claims(userId, role).build().toString();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
