package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.auth.token.KeyEncryption;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private final byte[] secretKey = "private key bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void encryptedKeyDecryptsWithTheSameSecretAndKid() {
        KeyEncryption encryption = new KeyEncryption("a long random secret");
        byte[] stored = encryption.encrypt(secretKey, "kid-1");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("private key bytes");
        assertThat(new KeyEncryption("a long random secret").decrypt(stored, "kid-1")).isEqualTo(secretKey);
    }

    @Test
    void wrongSecretCannotDecrypt() {
        byte[] stored = new KeyEncryption("secret one").encrypt(secretKey, "kid-1");
        assertThatThrownBy(() -> new KeyEncryption("secret two").decrypt(stored, "kid-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ciphertextMovedToAnotherKidOrAlteredIsRejected() {
        KeyEncryption encryption = new KeyEncryption("secret");
        byte[] stored = encryption.encrypt(secretKey, "kid-1");
        assertThatThrownBy(() -> encryption.decrypt(stored, "kid-2")).isInstanceOf(IllegalStateException.class);
        stored[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> encryption.decrypt(stored, "kid-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sameKeyEncryptsDifferentlyEachTime() {
        KeyEncryption encryption = new KeyEncryption("secret");
        assertThat(encryption.encrypt(secretKey, "k")).isNotEqualTo(encryption.encrypt(secretKey, "k"));
    }
}
