package dev.lectern.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import dev.lectern.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class TokenValidationTest extends GatewayTestSupport {

    private static final String PROTECTED = "/api/v1/me/enrollments";

    @Test
    void validTokenIsRoutedWithVerifiedIdentityAndForgedIdentityHeadersRemoved() {
        UUID userId = UUID.randomUUID();
        String token = validToken(userId, "student");

        JsonNode echo = echo(send(authorized("GET", PROTECTED, token)
                .header("X-User-Id", UUID.randomUUID().toString())
                .header("x-user-role", "admin")
                .header("X-USER-EMAIL", "boss@example.com")
                .header("X-Auth-User", "admin")
                .header("x-auth-roles", "admin")));

        JsonNode headers = echo.get("headers");
        assertThat(headers.get("x-user-id").size()).isEqualTo(1);
        assertThat(headers.get("x-user-id").get(0).asString()).isEqualTo(userId.toString());
        assertThat(headers.get("x-user-role").size()).isEqualTo(1);
        assertThat(headers.get("x-user-role").get(0).asString()).isEqualTo("student");
        assertThat(headers.has("x-user-email")).isFalse();
        assertThat(headers.has("x-auth-user")).isFalse();
        assertThat(headers.has("x-auth-roles")).isFalse();
        assertThat(headers.get("authorization").get(0).asString()).isEqualTo("Bearer " + token);
    }

    @Test
    void publicRouteWithoutTokenForwardsNoIdentityEvenIfClientSendsOne() {
        JsonNode echo = echo(send(request("GET", "/api/v1/courses")
                .header("X-User-Id", UUID.randomUUID().toString())
                .header("X-User-Role", "admin")));

        assertThat(echo.get("headers").has("x-user-id")).isFalse();
        assertThat(echo.get("headers").has("x-user-role")).isFalse();
    }

    @Test
    void publicRoutesWorkWithoutToken() {
        assertThat(echo(send(request("POST", "/api/v1/auth/register"))).get("service").asString()).isEqualTo("auth");
        assertThat(echo(send(request("POST", "/api/v1/auth/login"))).get("service").asString()).isEqualTo("auth");
        assertThat(echo(send(request("POST", "/api/v1/auth/refresh"))).get("service").asString()).isEqualTo("auth");
        assertThat(echo(send(request("POST", "/api/v1/auth/logout"))).get("service").asString()).isEqualTo("auth");
        assertThat(echo(send(request("GET", "/.well-known/jwks.json"))).get("service").asString()).isEqualTo("auth");
        assertThat(echo(send(request("POST", "/webhooks/mux"))).get("service").asString()).isEqualTo("webhook");
        assertThat(echo(send(request("GET", "/api/v1/courses"))).get("service").asString()).isEqualTo("course");
        assertThat(echo(send(request("GET", "/api/v1/courses/c1/lectures"))).get("service").asString())
                .isEqualTo("course");
    }

    @Test
    void protectedRoutesWithoutTokenAreUnauthorized() {
        int before = COURSE.requests() + AUTH.requests();

        assertUnauthorized(send(request("GET", PROTECTED)));
        assertUnauthorized(send(request("POST", "/api/v1/courses")));
        assertUnauthorized(send(request("GET", "/api/v1/auth/sessions")));
        assertUnauthorized(send(request("GET", "/api/v1/admin/users")));
        assertThat(COURSE.requests() + AUTH.requests()).isEqualTo(before);
    }

    @Test
    void invalidTokenOnPublicCatalogIsStillUnauthorized() {
        String expired = Tokens.rs256(KEY_A, UUID.randomUUID(), "student",
                claims -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))));

        assertUnauthorized(send(authorized("GET", "/api/v1/courses", expired)));
    }

    @Test
    void tamperedSignatureIsUnauthorized() {
        String token = validToken(UUID.randomUUID(), "student");
        int lastDot = token.lastIndexOf('.');
        char flipped = token.charAt(lastDot + 5) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, lastDot + 5) + flipped + token.substring(lastDot + 6);

        assertUnauthorized(send(authorized("GET", PROTECTED, tampered)));
    }

    @Test
    void tamperedPayloadIsUnauthorized() {
        String student = validToken(UUID.randomUUID(), "student");
        String admin = validToken(UUID.randomUUID(), "admin");
        String[] s = student.split("\\.");
        String[] a = admin.split("\\.");

        assertUnauthorized(send(authorized("GET", PROTECTED, s[0] + "." + a[1] + "." + s[2])));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        String token = Tokens.rs256(KEY_A, UUID.randomUUID(), "student",
                claims -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofSeconds(90)))));

        assertUnauthorized(send(authorized("GET", PROTECTED, token)));
    }

    @Test
    void tokenExpiredWithinClockSkewIsAccepted() {
        String token = Tokens.rs256(KEY_A, UUID.randomUUID(), "student",
                claims -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofSeconds(10)))));

        echo(send(authorized("GET", PROTECTED, token)));
    }

    @Test
    void tokenNotYetValidIsUnauthorized() {
        String token = Tokens.rs256(KEY_A, UUID.randomUUID(), "student",
                claims -> claims.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(2)))));

        assertUnauthorized(send(authorized("GET", PROTECTED, token)));
    }

    @Test
    void tokenWithoutExpiryIsUnauthorized() {
        String token = Tokens.rs256(KEY_A, UUID.randomUUID(), "student", claims -> claims.expirationTime(null));

        assertUnauthorized(send(authorized("GET", PROTECTED, token)));
    }

    @Test
    void unsignedAlgNoneTokenIsUnauthorized() {
        assertUnauthorized(send(authorized("GET", PROTECTED, Tokens.unsigned("key-a", UUID.randomUUID(), "admin"))));
    }

    @Test
    void hs256TokenKeyedWithThePublicKeyIsUnauthorized() {
        assertUnauthorized(send(authorized("GET", PROTECTED,
                Tokens.hs256WithPublicKey(KEY_A, UUID.randomUUID(), "admin"))));
    }

    @Test
    void tokenSignedByAnotherKeyUnderTheKnownKidIsUnauthorized() {
        RSAKey attacker = Tokens.rsaKey("key-a");

        assertUnauthorized(send(authorized("GET", PROTECTED,
                Tokens.rs256(attacker, UUID.randomUUID(), "admin", claims -> claims))));
    }

    @Test
    void wrongIssuerIsUnauthorized() {
        assertUnauthorized(send(authorized("GET", PROTECTED, Tokens.rs256(KEY_A, UUID.randomUUID(), "student",
                claims -> claims.issuer("someone-else")))));
    }

    @Test
    void wrongAudienceIsUnauthorized() {
        assertUnauthorized(send(authorized("GET", PROTECTED, Tokens.rs256(KEY_A, UUID.randomUUID(), "student",
                claims -> claims.audience("other-api")))));
    }

    @Test
    void audienceListContainingOursIsAccepted() {
        echo(send(authorized("GET", PROTECTED, Tokens.rs256(KEY_A, UUID.randomUUID(), "student",
                claims -> claims.audience(java.util.List.of("other-api", Tokens.AUDIENCE))))));
    }

    @Test
    void malformedBearerValueIsUnauthorized() {
        assertUnauthorized(send(authorized("GET", PROTECTED, "not-a-jwt")));
    }

    @Test
    void unknownKidTriggersOneJwksRefetchThenVerifiesAndFurtherUnknownKidsWaitForTheFloor() {
        RSAKey rotated = Tokens.rsaKey("key-b-" + UUID.randomUUID());
        echo(send(authorized("GET", PROTECTED, validToken(UUID.randomUUID(), "student")))); // keys loaded
        JWKS.publish(rotated);
        JWKS_CLOCK.advance(Duration.ofMillis(1_100)); // past the refetch floor of the test configuration
        int before = JWKS.fetches();

        echo(send(authorized("GET", PROTECTED, Tokens.rs256(rotated, UUID.randomUUID(), "student", c -> c))));
        echo(send(authorized("GET", PROTECTED, Tokens.rs256(rotated, UUID.randomUUID(), "student", c -> c))));
        assertThat(JWKS.fetches()).isEqualTo(before + 1);

        RSAKey unpublished = Tokens.rsaKey("key-unknown-" + UUID.randomUUID());
        for (int i = 0; i < 5; i++) {
            assertUnauthorized(send(authorized("GET", PROTECTED,
                    Tokens.rs256(unpublished, UUID.randomUUID(), "admin", c -> c))));
        }
        assertThat(JWKS.fetches()).isEqualTo(before + 1);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    }
}
