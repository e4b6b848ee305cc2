package dev.lectern.auth.token;

import dev.lectern.auth.AuthProperties;
import dev.lectern.contracts.user.Role;
import dev.lectern.servicekit.security.JwtProperties;
import io.jsonwebtoken.Jwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Signs access tokens: RS256, header {@code kid}; claims sub, role, iss, aud, iat, exp, jti. */
@Component
public class AccessTokenIssuer {

    /** A signed token and how many seconds it lives. */
    public record AccessToken(String value, long expiresInSeconds) {
    }

    private final SigningKeyStore keys;
    private final String issuer;
    private final String audience;
    private final Duration ttl;

    public AccessTokenIssuer(SigningKeyStore keys, JwtProperties jwt, AuthProperties auth) {
        this.keys = keys;
        this.issuer = jwt.issuer();
        this.audience = jwt.audience();
        this.ttl = auth.accessTokenTtl();
    }

    public AccessToken issue(UUID userId, Role role) {
        SigningKeyStore.ActiveKey key = keys.activeKey();
        Instant now = Instant.now();
        String token = Jwts.builder()
                .header().keyId(key.kid()).type("JWT").and()
                .subject(userId.toString())
                .claim("role", role.wireName())
                .issuer(issuer)
                .audience().add(audience).and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .id(UUID.randomUUID().toString())
                .signWith(key.privateKey(), Jwts.SIG.RS256)
                .compact();
        return new AccessToken(token, ttl.toSeconds());
    }
}
