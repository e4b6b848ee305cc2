package dev.lectern.platform.bench;

import dev.lectern.auth.user.PasswordHashing;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HashRateTest {

    @Test
    void usesExactlyAuthServicesArgon2Parameters() {
        assertThat(HashRate.SALT_LENGTH_BYTES).isEqualTo(PasswordHashing.SALT_LENGTH_BYTES);
        assertThat(HashRate.HASH_LENGTH_BYTES).isEqualTo(PasswordHashing.HASH_LENGTH_BYTES);
        assertThat(HashRate.PARALLELISM).isEqualTo(PasswordHashing.PARALLELISM);
        assertThat(HashRate.MEMORY_KIB).isEqualTo(PasswordHashing.MEMORY_KIB);
        assertThat(HashRate.ITERATIONS).isEqualTo(PasswordHashing.ITERATIONS);
    }

    @Test
    void hashesMadeByAuthServiceVerifyWithTheBenchmarkEncoder() {
        String hash = PasswordHashing.newEncoder().encode("Correct-Horse-Battery-42");

        assertThat(HashRate.encoder().matches("Correct-Horse-Battery-42", hash)).isTrue();
        assertThat(hash).contains("m=19456,t=2,p=1");
    }

    @Test
    void measureStopsAtTheRequestedCount() {
        HashRate.Result result = HashRate.measure(2, 3, Duration.ofSeconds(30));

        assertThat(result.hashes()).isEqualTo(3);
        assertThat(result.perSecond()).isPositive();
    }
}
