package dev.lectern.platform.e2e;

import dev.lectern.platform.e2e.Accounts.Account;
import dev.lectern.platform.e2e.Accounts.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.lectern.platform.e2e.Api.bearer;
import static dev.lectern.platform.e2e.Api.json;
import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class AdminUsersIT {

    @Test
    void adminListsUsersFilteredByRoleOnePageAtATime() {
        Accounts.register("student");
        Accounts.register("student");
        Accounts.register("instructor");
        Tokens admin = Accounts.admin();

        Api.Response page = Api.gateway().get("/api/v1/admin/users?page=1&size=1&role=student", bearer(admin.accessToken()));

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.get("page").asInt()).isEqualTo(1);
        assertThat(body.get("size").asInt()).isEqualTo(1);
        assertThat(body.get("total_items").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(body.get("total_pages").asLong()).isEqualTo(body.get("total_items").asLong());
        assertThat(body.get("items")).hasSize(1);
        assertThat(body.get("items").get(0).get("role").asString()).isEqualTo("student");
        assertThat(page.body()).doesNotContainIgnoringCase("password");

        Api.Response all = Api.gateway().get("/api/v1/admin/users?page=1&size=10&role=student", bearer(admin.accessToken()));
        for (JsonNode user : all.json().get("items")) {
            assertThat(user.get("role").asString()).isEqualTo("student");
        }
    }

    @Test
    void adminChangesARole() {
        Account account = Accounts.register("student");
        Tokens admin = Accounts.admin();

        Api.Response patched = Api.gateway().patch("/api/v1/admin/users/" + account.id(), json("role", "instructor"),
                bearer(admin.accessToken()));

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("role").asString()).isEqualTo("instructor");
        Tokens fresh = Accounts.login(account);
        assertThat(Api.gateway().get("/api/v1/auth/me", bearer(fresh.accessToken())).json().get("role").asString())
                .isEqualTo("instructor");
    }

    @Test
    void disabledUserCanNeitherRefreshNorLogIn() {
        Account account = Accounts.register("student");
        Tokens session = Accounts.login(account);
        Tokens admin = Accounts.admin();

        Api.Response disabled = Api.gateway().patch("/api/v1/admin/users/" + account.id(), json("disabled", true),
                bearer(admin.accessToken()));

        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(Api.gateway().post("/api/v1/auth/refresh", json("refresh_token", session.refreshToken())).status())
                .isEqualTo(401);
        Api.Response login = Api.gateway().post("/api/v1/auth/login", json("email", account.email(), "password", Accounts.PASSWORD));
        assertThat(login.status()).as(login.toString()).isIn(401, 403);
        assertThat(login.json().has("access_token")).isFalse();
    }

    @Test
    void nonAdminGetsForbidden() {
        Account student = Accounts.register("student");
        Tokens tokens = Accounts.login(student);

        assertProblem(Api.gateway().get("/api/v1/admin/users?page=1&size=10", bearer(tokens.accessToken())), 403, "forbidden");
        assertProblem(Api.gateway().patch("/api/v1/admin/users/" + student.id(), json("role", "instructor"),
                bearer(tokens.accessToken())), 403, "forbidden");
    }

    @Test
    void adminEndpointsWithoutATokenAreUnauthorized() {
        assertProblem(Api.gateway().get("/api/v1/admin/users?page=1&size=10"), 401, "unauthorized");
    }
}
