package dev.lectern.auth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for signing keys at rest. The AES key is HMAC-SHA256(secret, fixed label); the key id is bound as
 * associated data, so a ciphertext cannot be moved to another row. Stored form: 12-byte nonce, then ciphertext+tag.
 */
public final class KeyEncryption {

    /** Used when {@code LECTERN_KEY_ENCRYPTION_SECRET} is unset: fine on a laptop, never in production. */
    public static final String LOCAL_DEFAULT_SECRET = "lectern-local-development-key-encryption-secret";

    private static final byte[] LABEL = "lectern signing-key encryption v1".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public KeyEncryption(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("key encryption secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal(LABEL), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the key encryption key", e);
        }
    }

    public byte[] encrypt(byte[] plaintext, String kid) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt signing key", e);
        }
    }

    /** @throws IllegalStateException when the secret is wrong or the data was altered */
    public byte[] decrypt(byte[] stored, String kid) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt signing key " + kid
                    + " (wrong LECTERN_KEY_ENCRYPTION_SECRET or altered data)", e);
        }
    }
}
