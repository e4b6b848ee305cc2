package dev.lectern.platform.e2e;

import dev.lectern.platform.Service;
import dev.lectern.testkit.Eventually;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.UUID;

import static dev.lectern.platform.e2e.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

class RequestIdIT {

    @Test
    void wellFormedRequestIdIsReturnedAndLoggedByTheService() {
        String requestId = "e2e-" + UUID.randomUUID();

        Accounts.Account account = Accounts.register("student");

        Api.Response response = Api.gateway().post("/api/v1/auth/login",
                json("email", account.email(), "password", Accounts.PASSWORD), "X-Request-Id", requestId);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        Eventually.assertThat(() -> assertThat(Files.readString(SharedPlatform.get().logFile(Service.AUTH)))
                .contains(requestId));
    }

    @Test
    void missingOrMalformedRequestIdIsReplacedByAGeneratedOne() {
        Api.Response none = Api.gateway().post("/api/v1/auth/login", json("email", Accounts.uniqueEmail(), "password", "x"));
        Api.Response malformed = Api.gateway().post("/api/v1/auth/login", json("email", Accounts.uniqueEmail(), "password", "x"),
                "X-Request-Id", "bad id\"<script>");

        assertThat(none.header("X-Request-Id")).matches("[A-Za-z0-9._-]{1,64}");
        assertThat(malformed.header("X-Request-Id")).matches("[A-Za-z0-9._-]{1,64}").isNotEqualTo("bad id\"<script>");
        assertThat(none.json().get("request_id").asString()).isEqualTo(none.header("X-Request-Id"));
    }
}
