package dev.lectern.gateway.security;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The auth service's public keys. Kept for {@code ttl}; a token with an unknown {@code kid} triggers a refetch, at
 * most once per {@code refetchFloor}, so a stream of made-up key ids cannot turn into a stream of JWKS requests.
 * Concurrent fetches share one request.
 */
final class JwksCache {

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    private record Snapshot(JWKSet keys, Instant fetchedAt) {
    }

    private final WebClient client;
    private final URI uri;
    private final Duration ttl;
    private final Duration refetchFloor;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicReference<Mono<JWKSet>> inFlight = new AtomicReference<>();
    private volatile Instant lastAttempt = Instant.EPOCH;

    JwksCache(WebClient client, URI uri, Duration ttl, Duration refetchFloor, Duration timeout, Clock clock) {
        this.client = client;
        this.uri = uri;
        this.ttl = ttl;
        this.refetchFloor = refetchFloor;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Candidate verification keys for the token, for {@code NimbusReactiveJwtDecoder.withJwkSource}. */
    Flux<JWK> keysFor(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        return keys().flatMapMany(set -> {
            List<JWK> found = select(set, kid);
            if (!found.isEmpty() || kid == null || !refetchAllowed()) {
                return Flux.fromIterable(found);
            }
            log.info("Unknown signing key id, refetching the JWKS");
            return fetch().flatMapIterable(fresh -> select(fresh, kid));
        });
    }

    private Mono<JWKSet> keys() {
        Snapshot snapshot = current.get();
        if (snapshot != null && snapshot.fetchedAt().plus(ttl).isAfter(clock.instant())) {
            return Mono.just(snapshot.keys());
        }
        if (snapshot != null && !refetchAllowed()) {
            return Mono.just(snapshot.keys());
        }
        Mono<JWKSet> fetched = fetch();
        // a stale key set is better than none while the auth service is unreachable
        return snapshot == null ? fetched : fetched.onErrorResume(ex -> {
            log.warn("JWKS refresh failed, keeping the previous keys: {}", ex.toString());
            return Mono.just(snapshot.keys());
        });
    }

    private boolean refetchAllowed() {
        return !lastAttempt.plus(refetchFloor).isAfter(clock.instant());
    }

    private Mono<JWKSet> fetch() {
        Mono<JWKSet> existing = inFlight.get();
        if (existing != null) {
            return existing;
        }
        Mono<JWKSet> request = Mono.defer(() -> {
            lastAttempt = clock.instant();
            return client.get().uri(uri).retrieve().bodyToMono(String.class).timeout(timeout);
        })
                .map(JwksCache::parse)
                .doOnNext(set -> current.set(new Snapshot(set, clock.instant())))
                .doFinally(signal -> inFlight.set(null))
                .cache();
        return inFlight.compareAndSet(null, request) ? request : fetch();
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        }
        catch (ParseException ex) {
            throw new IllegalStateException("JWKS document is not valid: " + ex.getMessage(), ex);
        }
    }

    private static List<JWK> select(JWKSet set, String kid) {
        JWKMatcher.Builder matcher = new JWKMatcher.Builder().keyType(KeyType.RSA);
        if (kid != null) {
            matcher.keyID(kid);
        }
        return new JWKSelector(matcher.build()).select(set);
    }
}
