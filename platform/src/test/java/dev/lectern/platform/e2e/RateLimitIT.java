package dev.lectern.platform.e2e;

import org.junit.jupiter.api.Test;

import static dev.lectern.platform.e2e.Api.json;
import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitIT {

    @Test
    void eleventhLoginFromOneAddressWithinAMinuteIsRateLimited() {
        Api client = Api.gateway();
        var body = json("email", Accounts.uniqueEmail(), "password", "Wrong-Password-123");
        for (int i = 1; i <= 10; i++) {
            Api.Response response = client.post("/api/v1/auth/login", body);
            assertThat(response.status()).as("attempt " + i + ": " + response).isEqualTo(401);
            assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(10 - i));
        }

        Api.Response limited = client.post("/api/v1/auth/login", body);

        assertProblem(limited, 429, "rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void anotherClientAddressHasItsOwnBudget() {
        Api greedy = Api.gateway();
        var body = json("email", Accounts.uniqueEmail(), "password", "Wrong-Password-123");
        for (int i = 0; i < 11; i++) {
            greedy.post("/api/v1/auth/login", body);
        }
        assertThat(greedy.post("/api/v1/auth/login", body).status()).isEqualTo(429);

        assertThat(Api.gateway().post("/api/v1/auth/login", body).status()).isEqualTo(401);
    }
}
