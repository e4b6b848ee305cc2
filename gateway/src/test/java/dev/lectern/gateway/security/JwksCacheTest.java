package dev.lectern.gateway.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.lectern.gateway.support.MutableClock;
import dev.lectern.gateway.support.StubJwks;
import dev.lectern.gateway.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwksCacheTest {

    private final RSAKey first = Tokens.rsaKey("first");
    private final StubJwks jwks = new StubJwks(first);
    private final MutableClock clock = new MutableClock();
    private final JwksCache cache = new JwksCache(WebClient.create(), URI.create(jwks.uri()), Duration.ofMinutes(5),
            Duration.ofSeconds(10), Duration.ofSeconds(3), clock);

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void keysAreFetchedOnceAndServedFromTheCache() {
        assertThat(kids(cache.keysFor(token(first)).collectList().block())).containsExactly("first");
        assertThat(kids(cache.keysFor(token(first)).collectList().block())).containsExactly("first");

        assertThat(jwks.fetches()).isEqualTo(1);
    }

    @Test
    void unknownKidRefetchesAtMostOncePerFloor() {
        cache.keysFor(token(first)).collectList().block();
        RSAKey second = Tokens.rsaKey("second");
        jwks.publish(second);

        assertThat(cache.keysFor(token(second)).collectList().block()).isEmpty(); // within the floor
        clock.advance(Duration.ofSeconds(11));
        assertThat(kids(cache.keysFor(token(second)).collectList().block())).containsExactly("second");
        for (int i = 0; i < 10; i++) {
            assertThat(cache.keysFor(token(Tokens.rsaKey("made-up-" + i))).collectList().block()).isEmpty();
        }

        assertThat(jwks.fetches()).isEqualTo(2);
    }

    @Test
    void expiredCacheIsRefreshedAndKeptWhenTheRefreshFails() {
        cache.keysFor(token(first)).collectList().block();
        clock.advance(Duration.ofMinutes(6));
        jwks.close();

        assertThat(kids(cache.keysFor(token(first)).collectList().block())).containsExactly("first");
    }

    @Test
    void noKeysAtAllIsAnError() {
        jwks.close();

        assertThatThrownBy(() -> cache.keysFor(token(first)).collectList().block()).isNotNull();
    }

    private static SignedJWT token(RSAKey key) {
        try {
            return SignedJWT.parse(Tokens.rs256(key, UUID.randomUUID(), "student", c -> c));
        }
        catch (java.text.ParseException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> kids(List<JWK> keys) {
        return keys.stream().map(JWK::getKeyID).toList();
    }

}
