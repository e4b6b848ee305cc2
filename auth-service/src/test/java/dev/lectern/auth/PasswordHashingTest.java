package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.auth.user.PasswordHashing;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class PasswordHashingTest {

    @Test
    void hashesWithArgon2idAtOwaspParameters() {
        Argon2PasswordEncoder encoder = PasswordHashing.newEncoder();
        String hash = encoder.encode("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(encoder.matches("correct horse battery staple", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery stapl", hash)).isFalse();
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        Argon2PasswordEncoder encoder = PasswordHashing.newEncoder();
        assertThat(encoder.encode("same")).isNotEqualTo(encoder.encode("same"));
    }
}
