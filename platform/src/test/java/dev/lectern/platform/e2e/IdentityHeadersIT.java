package dev.lectern.platform.e2e;

import dev.lectern.platform.Service;
import dev.lectern.platform.e2e.Accounts.Account;
import dev.lectern.platform.e2e.Accounts.Tokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Identity headers never grant anything: not sent straight to a service, not sent through the gateway. */
class IdentityHeadersIT {

    private static Api authDirect() {
        return Api.direct(SharedPlatform.get().url(Service.AUTH));
    }

    @Test
    void forgedIdentityHeadersWithoutATokenAreRejectedByTheService() {
        Account victim = Accounts.register("student");

        Api.Response response = authDirect().get("/api/v1/auth/me",
                "X-User-Id", victim.id(), "X-User-Role", "admin");

        assertProblem(response, 401, "unauthorized");
        assertProblem(authDirect().get("/api/v1/admin/users?page=1&size=10",
                "X-User-Id", UUID.randomUUID().toString(), "X-User-Role", "admin"), 401, "unauthorized");
    }

    @Test
    void identityHeadersDisagreeingWithTheTokenAreRejectedByTheService() {
        Account victim = Accounts.register("student");
        Tokens attacker = Accounts.login(Accounts.register("student"));

        Api.Response response = authDirect().get("/api/v1/auth/me", "Authorization", "Bearer " + attacker.accessToken(),
                "X-User-Id", victim.id(), "X-User-Role", "admin");

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void identityHeadersSentThroughTheGatewayAreReplacedByTheTokensIdentity() {
        Account victim = Accounts.register("student");
        Account attacker = Accounts.register("student");
        Tokens tokens = Accounts.login(attacker);

        Api.Response me = Api.gateway().get("/api/v1/auth/me", "Authorization", "Bearer " + tokens.accessToken(),
                "X-User-Id", victim.id(), "X-User-Role", "admin", "X-Auth-User", victim.id());

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(attacker.id());

        Api.Response admin = Api.gateway().get("/api/v1/admin/users?page=1&size=10", "Authorization",
                "Bearer " + tokens.accessToken(), "X-User-Role", "admin");
        assertProblem(admin, 403, "forbidden");
    }

    @Test
    void identityHeadersWithoutATokenThroughTheGatewayGrantNothing() {
        Account victim = Accounts.register("student");

        assertProblem(Api.gateway().get("/api/v1/auth/me", "X-User-Id", victim.id(), "X-User-Role", "admin"),
                401, "unauthorized");
    }
}
