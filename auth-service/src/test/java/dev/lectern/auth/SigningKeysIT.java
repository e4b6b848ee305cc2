package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lectern.auth.token.SigningKeyStore;
import dev.lectern.servicekit.security.JwtProperties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class SigningKeysIT extends AuthIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AuthProperties authProperties;
    @Autowired
    JwtProperties jwtProperties;

    private JWKSet jwks() throws Exception {
        Reply reply = get("/.well-known/jwks.json", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Cache-Control").orElse("")).contains("max-age=300");
        return JWKSet.parse(reply.body());
    }

    @Test
    void jwksPublishesPublicRsaKeysOnly() throws Exception {
        JWKSet set = jwks();
        assertThat(set.getKeys()).isNotEmpty();
        for (JWK key : set.getKeys()) {
            assertThat(key).isInstanceOf(RSAKey.class);
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        }
        assertThat(get("/.well-known/jwks.json", null).body()).doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    @Test
    void issuedAccessTokenVerifiesWithThePublishedKey() throws Exception {
        Account account = register("instructor");
        SignedJWT token = SignedJWT.parse(login(account).accessToken());

        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey key = (RSAKey) jwks().getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key).as("kid is published").isNotNull();
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();

        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(account.id().toString());
        assertThat(claims.getStringClaim("role")).isEqualTo("instructor");
        assertThat(claims.getIssuer()).isEqualTo("lectern-auth");
        assertThat(claims.getAudience()).containsExactly("lectern-api");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
    }

    @Test
    void rotationKeepsOlderTokensValid() throws Exception {
        Account account = register("student");
        String before = login(account).accessToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        Reply rotated = send("POST", "/api/v1/admin/signing-keys/rotate", null, admin().accessToken());
        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.text("active_kid");
        assertThat(newKid).isNotEqualTo(oldKid);

        String after = login(account).accessToken();
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        JWKSet set = jwks();
        assertThat(set.getKeyByKeyId(oldKid)).isNotNull();
        assertThat(set.getKeyByKeyId(newKid)).isNotNull();
        assertThat(get("/api/v1/auth/me", before).status()).isEqualTo(200);
        assertThat(get("/api/v1/auth/me", after).status()).isEqualTo(200);
    }

    @Test
    void everyReplicaSeesTheSameKeysFromTheDatabase() {
        SigningKeyStore otherReplica = new SigningKeyStore(jdbc, transactions, authProperties, jwtProperties);
        otherReplica.ensureActiveKey();
        String token = login(register("student")).accessToken();
        String kid;
        try {
            kid = SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
        assertThat(otherReplica.activeKey().kid()).isEqualTo(kid);
        assertThat(jdbc.sql("select count(*) from signing_keys where superseded_at is null").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void tokenForAnotherAudienceIsRejectedHereToo() {
        assertThat(get("/api/v1/auth/me", "eyJhbGciOiJub25lIn0." + "eyJzdWIiOiIxIn0.").status()).isEqualTo(401);
        UUID nobody = UUID.randomUUID();
        assertThat(get("/api/v1/auth/me", nobody.toString()).status()).isEqualTo(401);
    }
}
