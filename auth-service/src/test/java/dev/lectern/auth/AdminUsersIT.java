package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminUsersIT extends AuthIntegrationTest {

    private Reply patch(UUID id, String json, String bearer) {
        return send("PATCH", "/api/v1/admin/users/" + id, json, bearer);
    }

    @Test
    void listFiltersByRoleAndPaginates() {
        for (int i = 0; i < 3; i++) {
            register("instructor");
        }
        register("student");
        String admin = admin().accessToken();

        Reply first = get("/api/v1/admin/users?page=1&size=2&role=instructor", admin);
        assertThat(first.status()).isEqualTo(200);
        JsonNode body = first.json();
        long total = body.path("total_items").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(body.path("page").asInt()).isEqualTo(1);
        assertThat(body.path("size").asInt()).isEqualTo(2);
        assertThat(body.path("total_pages").asLong()).isEqualTo((total + 1) / 2);
        assertThat(body.path("items")).hasSize(2);
        body.path("items").forEach(item -> assertThat(item.path("role").asString()).isEqualTo("instructor"));

        Reply second = get("/api/v1/admin/users?page=2&size=2&role=instructor", admin);
        assertThat(second.json().path("items")).isNotEmpty();
        assertThat(second.json().path("items").get(0).path("id").asString())
                .isNotIn(body.path("items").get(0).path("id").asString(), body.path("items").get(1).path("id").asString());

        Reply all = get("/api/v1/admin/users", admin);
        assertThat(all.json().path("size").asInt()).isEqualTo(20);
        assertThat(all.json().path("total_items").asLong()).isGreaterThan(total);
    }

    @Test
    void badListParametersAnswer400NamingThem() {
        String admin = admin().accessToken();
        assertThat(get("/api/v1/admin/users?page=0", admin).fields()).containsExactly("page");
        assertThat(get("/api/v1/admin/users?size=101", admin).fields()).containsExactly("size");
        assertThat(get("/api/v1/admin/users?size=0", admin).fields()).containsExactly("size");
        assertThat(get("/api/v1/admin/users?page=abc", admin).fields()).containsExactly("page");
        Reply badRole = get("/api/v1/admin/users?role=wizard", admin);
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.fields()).containsExactly("role");
    }

    @Test
    void nonAdminsAreRefused() {
        Account student = register("student");
        String token = login(student).accessToken();
        Reply list = get("/api/v1/admin/users", token);
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.problemType()).isEqualTo("forbidden");
        assertThat(patch(student.id(), "{\"role\":\"admin\"}", token).status()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/admin/signing-keys/rotate", null, token).status()).isEqualTo(403);
        assertThat(get("/api/v1/admin/users", null).status()).isEqualTo(401);
    }

    @Test
    void patchChangesTheRoleCarriedByNewTokens() {
        Account account = register("student");
        Tokens before = login(account);

        Reply changed = patch(account.id(), "{\"role\":\"instructor\"}", admin().accessToken());

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("role")).isEqualTo("instructor");
        assertThat(changed.json().path("disabled").asBoolean(true)).isFalse();
        Reply renewed = refresh(before.refreshToken());
        assertThat(get("/api/v1/auth/me", renewed.text("access_token")).text("role")).isEqualTo("instructor");
    }

    @Test
    void disablingAUserEndsSessionsAndBlocksLogin() {
        Account account = register("student");
        Tokens session = login(account);
        String admin = admin().accessToken();

        Reply disabled = patch(account.id(), "{\"disabled\":true}", admin);

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
        assertThat(refresh(session.refreshToken()).status()).isEqualTo(401);
        Reply login = loginReply(account.email(), account.password());
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.text("detail")).isEqualTo("Invalid email or password.");
        assertThat(get("/api/v1/auth/me", session.accessToken()).status()).isEqualTo(401);

        assertThat(patch(account.id(), "{\"disabled\":false}", admin).status()).isEqualTo(200);
        assertThat(loginReply(account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void patchRoleAndDisabledTogether() {
        Account account = register("student");
        Reply reply = patch(account.id(), "{\"role\":\"instructor\",\"disabled\":true}", admin().accessToken());
        assertThat(reply.text("role")).isEqualTo("instructor");
        assertThat(reply.json().path("disabled").asBoolean()).isTrue();
    }

    @Test
    void patchUnknownOrMalformedIdOrEmptyBody() {
        String admin = admin().accessToken();
        Reply unknown = patch(UUID.randomUUID(), "{\"disabled\":true}", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("not-found");

        Reply malformed = send("PATCH", "/api/v1/admin/users/not-a-uuid", "{\"disabled\":true}", admin);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.fields()).containsExactly("id");

        Account account = register("student");
        assertThat(patch(account.id(), "{}", admin).status()).isEqualTo(400);
        assertThat(patch(account.id(), "{\"role\":\"wizard\"}", admin).fields()).containsExactly("role");
        assertThat(patch(account.id(), "{\"disabled\":\"maybe\"}", admin).fields()).containsExactly("disabled");
    }

    @Test
    void adminCannotDisableOrDemoteThemselves() {
        Tokens admin = admin();
        UUID self = UUID.fromString(get("/api/v1/auth/me", admin.accessToken()).text("id"));

        Reply disable = patch(self, "{\"disabled\":true}", admin.accessToken());
        assertThat(disable.status()).isEqualTo(409);
        assertThat(disable.problemType()).isEqualTo("conflict");
        assertThat(patch(self, "{\"role\":\"student\"}", admin.accessToken()).status()).isEqualTo(409);
        assertThat(get("/api/v1/auth/me", admin.accessToken()).text("role")).isEqualTo("admin");
    }
}
