package dev.lectern.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {

    @Test
    void tokensCarry256RandomBitsInBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = RefreshTokens.newToken();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void storedFormIsTheSha256OfTheToken() {
        String token = RefreshTokens.newToken();
        assertThat(RefreshTokens.hash(token)).hasSize(32).isEqualTo(RefreshTokens.hash(token));
        assertThat(RefreshTokens.hash(token)).isNotEqualTo(RefreshTokens.hash(token + "x"));
    }
}
