package dev.lectern.platform.e2e;

import dev.lectern.platform.e2e.Accounts.Tokens;
import dev.lectern.auth.token.KeyEncryption;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static dev.lectern.platform.e2e.Api.bearer;
import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Tokens the gateway must refuse with 401 problem+json, whatever they claim. */
class GatewayTokenRejectionIT {

    private static final String ME = "/api/v1/auth/me";
    private static Tokens real;
    private static Map<String, Object> realClaims;
    private static String kid;
    private static PublicKey publicKey;

    @BeforeAll
    static void realTokenAndKey() throws Exception {
        real = Accounts.login(Accounts.register("student"));
        String[] parts = real.accessToken().split("\\.");
        JsonNode header = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        kid = header.get("kid").asString();
        realClaims = Api.JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);

        JsonNode jwks = Api.gateway().get("/.well-known/jwks.json").json();
        for (JsonNode jwk : jwks.get("keys")) {
            if (kid.equals(jwk.get("kid").asString())) {
                BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asString()));
                BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e").asString()));
                publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            }
        }
        assertThat(publicKey).as("JWKS has the key " + kid).isNotNull();
        assertThat(Api.gateway().get(ME, bearer(real.accessToken())).status()).isEqualTo(200);
    }

    private static Map<String, Object> adminClaims() {
        Map<String, Object> claims = new java.util.HashMap<>(realClaims);
        claims.put("role", "admin");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        return claims;
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRejected(String token) {
        assertProblem(Api.gateway().get(ME, bearer(token)), 401, "unauthorized");
        assertProblem(Api.gateway().get("/api/v1/admin/users?page=1&size=10", bearer(token)), 401, "unauthorized");
    }

    @Test
    void tokenWithATamperedPayloadIsRejected() {
        String[] parts = real.accessToken().split("\\.");
        String tampered = parts[0] + "." + b64(Api.JSON.writeValueAsString(adminClaims())) + "." + parts[2];

        assertRejected(tampered);
    }

    @Test
    void tokenWithATamperedSignatureIsRejected() {
        String token = real.accessToken();
        char last = token.charAt(token.length() - 5);
        String tampered = token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);

        assertRejected(tampered);
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejected() {
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(Api.JSON.writeValueAsString(adminClaims())) + ".";

        assertRejected(none);
        assertRejected(Jwts.builder().claims(adminClaims()).compact());
    }

    @Test
    void hs256TokenSignedWithThePublicKeyIsRejected() {
        byte[] der = publicKey.getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : new byte[][] {der, pem.getBytes(StandardCharsets.US_ASCII)}) {
            String token = Jwts.builder().header().keyId(kid).and()
                    .claims(adminClaims())
                    .signWith(new SecretKeySpec(secret, "HmacSHA256"), Jwts.SIG.HS256)
                    .compact();

            assertRejected(token);
        }
    }

    @Test
    void tokenSignedByAnotherRsaKeyWithTheSameKidIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair attacker = generator.generateKeyPair();

        String token = Jwts.builder().header().keyId(kid).and()
                .claims(adminClaims())
                .signWith(attacker.getPrivate(), Jwts.SIG.RS256)
                .compact();

        assertRejected(token);
    }

    @Test
    void tokenSignedByAnotherKeyWithAnUnknownKidIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        String token = Jwts.builder().header().keyId("attacker-" + UUID.randomUUID()).and()
                .claims(adminClaims())
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .signWith(generator.generateKeyPair().getPrivate(), Jwts.SIG.RS256)
                .compact();

        assertRejected(token);
    }

    /** Control for the expiry test: a token minted with auth-service's own key is accepted while it lives. */
    @Test
    void tokenMintedWithTheRealKeyIsAcceptedWhileItLives() throws Exception {
        Instant now = Instant.now();
        String token = signWithRealKey(now.minusSeconds(60), now.plusSeconds(300));

        Api.Response me = Api.gateway().get(ME, bearer(token));

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
    }

    @Test
    void expiredTokenSignedWithTheRealKeyIsRejected() throws Exception {
        Instant now = Instant.now();
        String expired = signWithRealKey(now.minusSeconds(1200), now.minusSeconds(300));

        assertRejected(expired);
    }

    /** Signs the real claims with auth-service's active key, read from its database as auth-service stores it. */
    private static String signWithRealKey(Instant issuedAt, Instant expiresAt) throws Exception {
        byte[] sealed;
        try (Connection db = DriverManager.getConnection(SharedPlatform.get().postgresJdbcUrl("auth"), "postgres", "postgres");
             PreparedStatement query = db.prepareStatement("select private_key_encrypted from signing_keys where kid = ?")) {
            query.setString(1, kid);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).as("signing key " + kid + " in the auth database").isTrue();
                sealed = rs.getBytes(1);
            }
        }
        byte[] pkcs8 = new KeyEncryption(SharedPlatform.KEY_ENCRYPTION_SECRET).decrypt(sealed, kid);
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        Map<String, Object> claims = new java.util.HashMap<>(realClaims);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        return Jwts.builder().header().keyId(kid).type("JWT").and()
                .claims(claims)
                .signWith(privateKey, Jwts.SIG.RS256)
                .compact();
    }

    @Test
    void garbageBearerIsRejected() {
        assertRejected("not-a-jwt");
    }
}
