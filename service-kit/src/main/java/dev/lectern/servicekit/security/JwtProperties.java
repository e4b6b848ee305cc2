package dev.lectern.servicekit.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How services verify access tokens: {@code LECTERN_JWKS_URI}, {@code LECTERN_JWT_ISSUER} (default
 * {@code lectern-auth}), {@code LECTERN_JWT_AUDIENCE} (default {@code lectern-api}); defaults come from
 * {@link dev.lectern.servicekit.config.LecternDefaultsEnvironmentPostProcessor}.
 */
@ConfigurationProperties("lectern.jwt")
public record JwtProperties(String jwksUri, String issuer, String audience, Duration clockSkew) {

    public JwtProperties {
        issuer = issuer == null ? "lectern-auth" : issuer;
        audience = audience == null ? "lectern-api" : audience;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    }
}
