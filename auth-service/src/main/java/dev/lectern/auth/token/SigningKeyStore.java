package dev.lectern.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.lectern.auth.AuthProperties;
import dev.lectern.servicekit.security.JwtProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RS256 signing keys in PostgreSQL, shared by every replica. One key is active (signs); keys superseded by a
 * rotation stay published in the JWKS until every token they signed has expired.
 */
@Component
public class SigningKeyStore {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
    /** pg_advisory_xact_lock key serialising key creation and rotation across replicas. */
    private static final long KEY_LOCK = 0x1ec7e4_0001L;
    private static final Duration UNKNOWN_KID_RELOAD_INTERVAL = Duration.ofSeconds(1);

    /** A key as published: id, public half, and when it stopped signing (null while active). */
    public record PublishedKey(String kid, RSAPublicKey publicKey, Instant createdAt, Instant supersededAt) {
    }

    /** The key new tokens are signed with. */
    public record ActiveKey(String kid, RSAPrivateKey privateKey) {
    }

    private record Snapshot(ActiveKey active, List<PublishedKey> published, JWKSet jwks, Instant loadedAt) {
    }

    private record Row(String kid, byte[] publicKey, byte[] privateKeyEncrypted, Instant createdAt,
                       Instant supersededAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KeyEncryption encryption;
    private final Duration cacheTtl;
    private final Duration publishedAfterSuperseded;
    private final Map<String, RSAPrivateKey> decrypted = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    public SigningKeyStore(JdbcClient jdbc, TransactionTemplate transactions, AuthProperties auth, JwtProperties jwt) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        String secret = auth.keyEncryptionSecret();
        if (secret == null || secret.isBlank()) {
            log.warn("LECTERN_KEY_ENCRYPTION_SECRET is not set: signing keys are encrypted with the built-in local "
                    + "default. Set it to a long random value anywhere but a developer machine.");
            secret = KeyEncryption.LOCAL_DEFAULT_SECRET;
        }
        this.encryption = new KeyEncryption(secret);
        this.cacheTtl = auth.signingKeyCacheTtl();
        // A replica may sign with a superseded key until its cache expires; its tokens live one access TTL.
        this.publishedAfterSuperseded = auth.accessTokenTtl().plus(jwt.clockSkew()).plus(cacheTtl)
                .plus(Duration.ofMinutes(1));
    }

    /** Creates the first key unless one is active; safe when several replicas start at once. */
    public void ensureActiveKey() {
        transactions.executeWithoutResult(status -> {
            lock();
            Long active = jdbc.sql("select count(*) from signing_keys where superseded_at is null")
                    .query(Long.class).single();
            if (active == 0) {
                String kid = insertNewKey(Instant.now());
                log.info("Created signing key {}", kid);
            }
        });
        reload();
    }

    /** Makes a new key active. The previous one keeps verifying until its tokens have expired. */
    public String rotate() {
        String kid = transactions.execute(status -> {
            lock();
            Instant now = Instant.now();
            jdbc.sql("update signing_keys set superseded_at = :now where superseded_at is null")
                    .param("now", Timestamp.from(now)).update();
            jdbc.sql("delete from signing_keys where superseded_at < :cutoff")
                    .param("cutoff", Timestamp.from(now.minus(publishedAfterSuperseded.multipliedBy(2)))).update();
            return insertNewKey(now);
        });
        log.info("Rotated signing keys; {} is now active", kid);
        reload();
        return kid;
    }

    public ActiveKey activeKey() {
        Snapshot current = current();
        if (current.active() == null) {
            ensureActiveKey();
            current = snapshot;
        }
        return current.active();
    }

    public List<PublishedKey> publishedKeys() {
        return current().published();
    }

    /** The public JWK Set: every key still published. */
    public JWKSet jwkSet() {
        return current().jwks();
    }

    /** Keys for verifying our own tokens; an unknown kid triggers one reload (another replica may have rotated). */
    public JWKSource<SecurityContext> jwkSource() {
        return (selector, context) -> {
            List<JWK> found = selector.select(jwkSet());
            if (found.isEmpty()) {
                found = selector.select(reloadIfOlderThan(UNKNOWN_KID_RELOAD_INTERVAL).jwks());
            }
            return found;
        };
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        return isOlderThan(current, cacheTtl) ? reloadIfOlderThan(cacheTtl) : current;
    }

    /** Reloads unless another thread just did, so a burst of requests causes one query. */
    private synchronized Snapshot reloadIfOlderThan(Duration age) {
        Snapshot current = snapshot;
        return isOlderThan(current, age) ? reload() : current;
    }

    private static boolean isOlderThan(Snapshot snapshot, Duration age) {
        return snapshot == null || snapshot.loadedAt().plus(age).isBefore(Instant.now());
    }

    synchronized Snapshot reload() {
        Instant now = Instant.now();
        List<Row> rows = jdbc.sql("""
                        select kid, public_key, private_key_encrypted, created_at, superseded_at
                        from signing_keys
                        where superseded_at is null or superseded_at > :cutoff
                        order by created_at desc""")
                .param("cutoff", Timestamp.from(now.minus(publishedAfterSuperseded)))
                .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getBytes(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
        ActiveKey active = null;
        List<PublishedKey> published = new java.util.ArrayList<>();
        for (Row row : rows) {
            published.add(new PublishedKey(row.kid(), publicKey(row.publicKey()), row.createdAt(), row.supersededAt()));
            if (row.supersededAt() == null && active == null) {
                RSAPrivateKey privateKey = decrypted.computeIfAbsent(row.kid(),
                        kid -> privateKey(encryption.decrypt(row.privateKeyEncrypted(), kid)));
                active = new ActiveKey(row.kid(), privateKey);
            }
        }
        List<JWK> jwks = published.stream().<JWK>map(key -> new RSAKey.Builder(key.publicKey())
                .keyID(key.kid()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build()).toList();
        Snapshot fresh = new Snapshot(active, List.copyOf(published), new JWKSet(jwks), now);
        snapshot = fresh;
        return fresh;
    }

    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", KEY_LOCK).query((rs, n) -> 1).list();
    }

    private String insertNewKey(Instant now) {
        KeyPair pair = generate();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        String kid = thumbprint(publicKey);
        jdbc.sql("""
                        insert into signing_keys (kid, algorithm, public_key, private_key_encrypted, created_at)
                        values (:kid, 'RS256', :publicKey, :privateKey, :now)""")
                .param("kid", kid)
                .param("publicKey", publicKey.getEncoded())
                .param("privateKey", encryption.encrypt(pair.getPrivate().getEncoded(), kid))
                .param("now", Timestamp.from(now))
                .update();
        return kid;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7638 thumbprint: a stable id derived from the key itself. */
    private static String thumbprint(RSAPublicKey key) {
        try {
            return new RSAKey.Builder(key).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAPublicKey publicKey(byte[] x509) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAPrivateKey privateKey(byte[] pkcs8) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
