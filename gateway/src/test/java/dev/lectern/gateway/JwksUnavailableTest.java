package dev.lectern.gateway;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A gateway whose JWKS endpoint never answers (auth-service down since startup, nothing cached). */
class JwksUnavailableTest extends GatewayTestSupport {

    @DynamicPropertySource
    static void unreachableJwks(DynamicPropertyRegistry registry) {
        registry.add("lectern.jwt.jwks-uri", () -> "http://127.0.0.1:1/.well-known/jwks.json");
    }

    @Test
    void tokenThatCannotBeVerifiedForLackOfKeysIsServiceUnavailableNotUnauthorized() {
        int before = COURSE.requests();

        assertProblem(send(authorized("GET", "/api/v1/me/enrollments", validToken(UUID.randomUUID(), "student"))),
                503, "service-unavailable");
        assertThat(COURSE.requests()).isEqualTo(before);
    }

    @Test
    void publicRoutesWithoutTokenStillWork() {
        echo(send(request("GET", "/api/v1/courses")));
    }
}
