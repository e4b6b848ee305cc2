package dev.lectern.platform.e2e;

import dev.lectern.platform.e2e.Accounts.Account;
import dev.lectern.platform.e2e.Accounts.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.lectern.platform.e2e.Api.bearer;
import static dev.lectern.platform.e2e.Api.json;
import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class AuthSessionIT {

    private static Api.Response refresh(String refreshToken) {
        return Api.gateway().post("/api/v1/auth/refresh", json("refresh_token", refreshToken));
    }

    @Test
    void loginReturnsABearerTokenPair() {
        Account account = Accounts.register("student");

        Api.Response response = Api.gateway().post("/api/v1/auth/login",
                json("email", account.email(), "password", Accounts.PASSWORD));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("access_token").asString()).isNotBlank();
        assertThat(body.get("refresh_token").asString()).isNotBlank();
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isPositive();
    }

    @Test
    void loginWithUnknownEmailAndWithWrongPasswordAnswerTheSame() {
        Account account = Accounts.register("student");

        Api.Response wrongPassword = Api.gateway().post("/api/v1/auth/login",
                json("email", account.email(), "password", "Wrong-Password-123"));
        Api.Response unknownEmail = Api.gateway().post("/api/v1/auth/login",
                json("email", Accounts.uniqueEmail(), "password", "Wrong-Password-123"));

        assertProblem(wrongPassword, 401, "unauthorized");
        assertProblem(unknownEmail, 401, "unauthorized");
        assertThat(withoutRequestId(unknownEmail.json())).isEqualTo(withoutRequestId(wrongPassword.json()));
    }

    @Test
    void meReturnsTheCallersProfile() {
        Account account = Accounts.register("instructor");
        Tokens tokens = Accounts.login(account);

        Api.Response me = Api.gateway().get("/api/v1/auth/me", bearer(tokens.accessToken()));

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(account.id());
        assertThat(me.json().get("email").asString()).isEqualToIgnoringCase(account.email());
        assertThat(me.json().get("role").asString()).isEqualTo("instructor");
        assertThat(me.body()).doesNotContainIgnoringCase("password");
    }

    @Test
    void refreshReturnsANewPairThatWorks() {
        Tokens first = Accounts.login(Accounts.register("student"));

        Api.Response response = refresh(first.refreshToken());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Tokens second = Accounts.tokens(response.json());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(Api.gateway().get("/api/v1/auth/me", bearer(second.accessToken())).status()).isEqualTo(200);
        assertThat(refresh(second.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void refreshWhenTokenAlreadyUsedThenRevokesFamily() {
        Tokens first = Accounts.login(Accounts.register("student"));
        Tokens second = Accounts.tokens(refresh(first.refreshToken()).json());

        Api.Response reuse = refresh(first.refreshToken());

        assertProblem(reuse, 401, "unauthorized");
        assertProblem(refresh(second.refreshToken()), 401, "unauthorized");
    }

    @Test
    void refreshFromAnotherLoginSurvivesTheRevocationOfOneFamily() {
        Account account = Accounts.register("student");
        Tokens stolen = Accounts.login(account);
        Tokens otherDevice = Accounts.login(account);
        refresh(stolen.refreshToken());
        refresh(stolen.refreshToken()); // reuse: revokes the stolen family only

        assertThat(refresh(otherDevice.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSession() {
        Tokens tokens = Accounts.login(Accounts.register("student"));

        Api.Response logout = Api.gateway().post("/api/v1/auth/logout", json("refresh_token", tokens.refreshToken()));

        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        assertProblem(refresh(tokens.refreshToken()), 401, "unauthorized");
    }

    @Test
    void logoutAllEndsEverySessionOfTheCaller() {
        Account account = Accounts.register("student");
        Tokens laptop = Accounts.login(account);
        Tokens phone = Accounts.login(account);
        Tokens someoneElse = Accounts.login(Accounts.register("student"));

        Api.Response logoutAll = Api.gateway().post("/api/v1/auth/logout-all", null, bearer(laptop.accessToken()));

        assertThat(logoutAll.status()).as(logoutAll.toString()).isEqualTo(204);
        assertProblem(refresh(laptop.refreshToken()), 401, "unauthorized");
        assertProblem(refresh(phone.refreshToken()), 401, "unauthorized");
        assertThat(refresh(someoneElse.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutAllWithoutATokenIsUnauthorized() {
        assertProblem(Api.gateway().post("/api/v1/auth/logout-all", null), 401, "unauthorized");
    }

    private static JsonNode withoutRequestId(JsonNode problem) {
        ObjectNode copy = (ObjectNode) problem.deepCopy();
        copy.remove("request_id");
        return copy;
    }
}
