package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RefreshSessionsIT extends AuthIntegrationTest {

    @Test
    void refreshRotatesTheRefreshTokenAndIssuesAWorkingAccessToken() {
        Account account = register("student");
        Tokens first = login(account);

        Reply refreshed = refresh(first.refreshToken());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.text("token_type")).isEqualTo("Bearer");
        assertThat(refreshed.text("refresh_token")).isNotEqualTo(first.refreshToken()).hasSize(43);
        assertThat(get("/api/v1/auth/me", refreshed.text("access_token")).status()).isEqualTo(200);
        assertThat(refresh(refreshed.text("refresh_token")).status()).isEqualTo(200);
    }

    @Test
    void refreshWhenTokenAlreadyUsedThenRevokesFamily() {
        Account account = register("student");
        Tokens first = login(account);
        String second = refresh(first.refreshToken()).text("refresh_token");

        Reply replay = refresh(first.refreshToken());

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(refresh(second).status()).as("the whole family is revoked").isEqualTo(401);
    }

    @Test
    void reuseInOneFamilyLeavesOtherSessionsAlone() {
        Account account = register("student");
        Tokens laptop = login(account);
        Tokens phone = login(account);
        refresh(laptop.refreshToken());
        refresh(laptop.refreshToken());

        assertThat(refresh(phone.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void concurrentRefreshesOfOneTokenLetOnlyOneSucceed() throws Exception {
        Account account = register("student");
        String token = login(account).refreshToken();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return refresh(token).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signInsAndRefreshesAreCountedForPrometheus() {
        Tokens tokens = login(register("student"));
        refresh(tokens.refreshToken());
        refresh(tokens.refreshToken());
        String metrics = management("/actuator/prometheus").body();
        assertThat(metrics).contains("lectern_auth_logins_total{application=\"auth-service\",outcome=\"success\"")
                .contains("lectern_auth_refreshes_total{application=\"auth-service\",outcome=\"success\"")
                .contains("lectern_auth_refreshes_total{application=\"auth-service\",outcome=\"reuse_detected\"")
                .contains("lectern_outbox_pending{")
                .contains("lectern_outbox_oldest_age_seconds{")
                .contains("lectern_outbox_published_total");
    }

    @Test
    void garbageRefreshTokenAnswers401() {
        assertThat(refresh("not-a-token").status()).isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", "{}").status()).isEqualTo(400);
    }

    @Test
    void logoutEndsThatSessionOnly() {
        Account account = register("student");
        Tokens ended = login(account);
        Tokens other = login(account);

        assertThat(post("/api/v1/auth/logout", "{\"refresh_token\":\"%s\"}".formatted(ended.refreshToken())).status())
                .isEqualTo(204);

        assertThat(refresh(ended.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(other.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutWithUnknownTokenStillAnswers204() {
        assertThat(post("/api/v1/auth/logout", "{\"refresh_token\":\"never-issued\"}").status()).isEqualTo(204);
    }

    @Test
    void logoutAllEndsEverySessionOfTheCaller() {
        Account account = register("instructor");
        Tokens first = login(account);
        Tokens second = login(account);
        Account bystander = register("student");
        Tokens theirs = login(bystander);

        assertThat(send("POST", "/api/v1/auth/logout-all", null, first.accessToken()).status()).isEqualTo(204);

        assertThat(refresh(first.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(second.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(theirs.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutAllNeedsAToken() {
        assertThat(send("POST", "/api/v1/auth/logout-all", null, null).status()).isEqualTo(401);
    }
}
