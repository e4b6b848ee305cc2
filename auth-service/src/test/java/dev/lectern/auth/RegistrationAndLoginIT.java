package dev.lectern.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.node.ObjectNode;

class RegistrationAndLoginIT extends AuthIntegrationTest {

    @Test
    void registerAnswers201WithTheUserAndNeverThePassword() {
        String email = uniqueEmail();
        String mobile = uniqueMobile();
        Reply reply = post("/api/v1/auth/register",
                registration(email.toUpperCase(Locale.ROOT), "s3cret-password", mobile, "instructor"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("id")).isNotBlank();
        assertThat(reply.text("email")).isEqualTo(email);
        assertThat(reply.text("first_name")).isEqualTo("Ada");
        assertThat(reply.text("last_name")).isEqualTo("Lovelace");
        assertThat(reply.text("date_of_birth")).isEqualTo("1990-12-10");
        assertThat(reply.text("mobile_number")).isEqualTo(mobile);
        assertThat(reply.text("role")).isEqualTo("instructor");
        assertThat(reply.json().path("disabled").asBoolean(true)).isFalse();
        assertThat(reply.text("created_at")).isNotBlank();
        assertThat(reply.body()).doesNotContain("s3cret-password").doesNotContain("password").doesNotContain("argon2");
    }

    @Test
    void loginAnswersABearerPairAndMeReturnsTheProfile() {
        Account account = register("student");
        Reply login = loginReply(account.email().toUpperCase(Locale.ROOT), account.password());

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("token_type")).isEqualTo("Bearer");
        assertThat(login.json().path("expires_in").asLong()).isEqualTo(900);
        assertThat(login.text("refresh_token")).hasSize(43);

        Reply me = get("/api/v1/auth/me", login.text("access_token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(account.id().toString());
        assertThat(me.text("email")).isEqualTo(account.email());
        assertThat(me.text("role")).isEqualTo("student");
    }

    @Test
    void meWithoutTokenAnswers401Problem() {
        Reply reply = get("/api/v1/auth/me", null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void registeringAnEmailTwiceInAnotherCaseAnswers409() {
        Account first = register("student");
        Reply reply = post("/api/v1/auth/register",
                registration(first.email().toUpperCase(Locale.ROOT), "another-password", uniqueMobile(), "student"));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.problemType()).isEqualTo("conflict");
        assertThat(reply.text("detail")).contains("email");
    }

    @Test
    void registeringAMobileNumberTwiceAnswers409() {
        Account first = register("student");
        Reply reply = post("/api/v1/auth/register",
                registration(uniqueEmail(), "another-password", first.mobileNumber(), "student"));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("detail")).contains("mobile");
    }

    @Test
    void registeringAsAdminAnswers400OnRole() {
        Reply reply = post("/api/v1/auth/register", registration(uniqueEmail(), "long-enough-pw", uniqueMobile(), "admin"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("validation");
        assertThat(reply.fields()).containsExactly("role");
    }

    @Test
    void unknownRoleAnswers400OnRole() {
        Reply reply = post("/api/v1/auth/register", registration(uniqueEmail(), "long-enough-pw", uniqueMobile(), "wizard"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactly("role");
    }

    @Test
    void invalidRegistrationNamesEveryBadFieldInSnakeCase() {
        String body = """
                {"first_name":"","last_name":"%s","email":"not-an-email","password":"short",
                 "date_of_birth":"2999-01-01","mobile_number":"12345","role":"student"}"""
                .formatted("x".repeat(101));
        Reply reply = post("/api/v1/auth/register", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("validation");
        assertThat(reply.fields()).contains("first_name", "last_name", "email", "password", "date_of_birth",
                "mobile_number");
    }

    @Test
    void missingFieldsAndBadDateAreNamed() {
        Reply missing = post("/api/v1/auth/register", "{\"email\":\"a@b.test\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fields()).contains("first_name", "last_name", "password", "date_of_birth",
                "mobile_number", "role");

        Reply badDate = post("/api/v1/auth/register",
                registration(uniqueEmail(), "long-enough-pw", uniqueMobile(), "student")
                        .replace("1990-12-10", "1990-13-40"));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.fields()).containsExactly("date_of_birth");
    }

    @Test
    void passwordLengthCountsCharactersNotUtf16Units() {
        String sevenEmoji = "\uD83D\uDE00".repeat(7);
        Reply tooShort = post("/api/v1/auth/register", registration(uniqueEmail(), sevenEmoji, uniqueMobile(), "student"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.fields()).containsExactly("password");

        String eightEmoji = "\uD83D\uDE00".repeat(8);
        String email = uniqueEmail();
        assertThat(post("/api/v1/auth/register", registration(email, eightEmoji, uniqueMobile(), "student")).status())
                .isEqualTo(201);
        assertThat(loginReply(email, eightEmoji).status()).isEqualTo(200);
    }

    @Test
    void passwordOf128CharactersIsAcceptedWhole129Rejected() {
        String email = uniqueEmail();
        String longest = "p".repeat(127) + "q";
        assertThat(post("/api/v1/auth/register", registration(email, longest, uniqueMobile(), "student")).status())
                .isEqualTo(201);
        assertThat(loginReply(email, "p".repeat(127) + "r").status()).as("no truncation").isEqualTo(401);
        assertThat(loginReply(email, longest).status()).isEqualTo(200);

        Reply tooLong = post("/api/v1/auth/register", registration(uniqueEmail(), "p".repeat(129), uniqueMobile(), "student"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.fields()).containsExactly("password");
    }

    @Test
    void unknownEmailAndWrongPasswordAreIndistinguishable() {
        Account account = register("student");
        List<Long> unknownNanos = new ArrayList<>();
        List<Long> wrongNanos = new ArrayList<>();
        Reply unknown = null;
        Reply wrong = null;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            unknown = loginReply(uniqueEmail(), account.password());
            unknownNanos.add(System.nanoTime() - start);
            start = System.nanoTime();
            wrong = loginReply(account.email(), account.password() + "x");
            wrongNanos.add(System.nanoTime() - start);
        }
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(withoutRequestId(unknown)).isEqualTo(withoutRequestId(wrong));

        long unknownMedian = median(unknownNanos);
        long wrongMedian = median(wrongNanos);
        assertThat(unknownMedian).as("unknown email still pays for a hash").isGreaterThan(5_000_000L);
        assertThat((double) unknownMedian / wrongMedian).isBetween(0.4, 2.5);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void passwordsAndTokensNeverReachTheLogs(CapturedOutput output) {
        String email = uniqueEmail();
        String password = "never-logged-" + java.util.UUID.randomUUID();
        assertThat(post("/api/v1/auth/register", registration(email, password, uniqueMobile(), "student")).status())
                .isEqualTo(201);
        Tokens tokens = login(email, password);
        loginReply(email, password + "-wrong");
        refresh(tokens.refreshToken());
        refresh(tokens.refreshToken());

        assertThat(output.getAll()).contains("Refresh token reuse detected")
                .doesNotContain(password)
                .doesNotContain(tokens.refreshToken())
                .doesNotContain(tokens.accessToken())
                .doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void startupAdminCanSignIn() {
        Tokens admin = admin();
        Reply me = get("/api/v1/auth/me", admin.accessToken());
        assertThat(me.text("role")).isEqualTo("admin");
        assertThat(me.text("email")).isEqualTo(ADMIN_EMAIL);
    }

    @Test
    void malformedLoginBodyAnswers400() {
        assertThat(post("/api/v1/auth/login", "{\"email\":").status()).isEqualTo(400);
        Reply missing = post("/api/v1/auth/login", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fields()).contains("email", "password");
    }

    private static String withoutRequestId(Reply reply) {
        ObjectNode body = (ObjectNode) reply.json();
        body.remove("request_id");
        return body.toString();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
