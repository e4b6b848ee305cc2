package dev.lectern.platform.e2e;

import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.lectern.platform.e2e.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Registers and logs in users with unique emails and mobile numbers. */
final class Accounts {

    static final String PASSWORD = "Correct-Horse-Battery-42";

    private Accounts() {
    }

    record Account(String id, String email, String mobile, String role) {
    }

    record Tokens(String accessToken, String refreshToken) {
    }

    static String uniqueEmail() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 13) + "@example.com";
    }

    static String uniqueMobile() {
        return "+4479" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static Map<String, Object> registration(String email, String mobile, String role) {
        return json("first_name", "Ada", "last_name", "Lovelace", "email", email, "password", PASSWORD,
                "date_of_birth", "1990-12-10", "mobile_number", mobile, "role", role);
    }

    static Account register(String role) {
        String email = uniqueEmail();
        String mobile = uniqueMobile();
        Api.Response response = Api.gateway().post("/api/v1/auth/register", registration(email, mobile, role));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new Account(response.json().get("id").asString(), email, mobile, role);
    }

    static Tokens login(String email, String password) {
        Api.Response response = Api.gateway().post("/api/v1/auth/login", json("email", email, "password", password));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return tokens(response.json());
    }

    static Tokens login(Account account) {
        return login(account.email(), PASSWORD);
    }

    static Tokens admin() {
        return login(SharedPlatform.ADMIN_EMAIL, SharedPlatform.ADMIN_PASSWORD);
    }

    static Tokens tokens(JsonNode body) {
        return new Tokens(body.get("access_token").asString(), body.get("refresh_token").asString());
    }
}
