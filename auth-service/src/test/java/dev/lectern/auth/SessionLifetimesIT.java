package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Short lifetimes, so idle and absolute expiry can be watched happen. */
@TestPropertySource(properties = {
        "lectern.auth.refresh-token-ttl=PT2S",
        "lectern.auth.refresh-family-max-age=PT5S"
})
class SessionLifetimesIT extends AuthIntegrationTest {

    @Test
    void refreshTokenUnusedPastItsIdleTtlIsRejected() throws InterruptedException {
        Tokens tokens = login(register("student"));
        Thread.sleep(2_300);
        assertThat(refresh(tokens.refreshToken()).status()).isEqualTo(401);
    }

    @Test
    void familyEndsAtItsAbsoluteLifetimeEvenWhenKeptBusy() throws InterruptedException {
        String token = login(register("student")).refreshToken();
        long started = System.nanoTime();
        while (System.nanoTime() - started < 4_000_000_000L) {
            Reply reply = refresh(token);
            assertThat(reply.status()).isEqualTo(200);
            token = reply.text("refresh_token");
            Thread.sleep(1_000);
        }
        Thread.sleep(1_500);
        assertThat(refresh(token).status()).isEqualTo(401);
    }
}
