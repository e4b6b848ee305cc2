package dev.lectern.servicekit.security;

import dev.lectern.contracts.user.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The checks every Lectern access token must pass once its RS256 signature verifies: issuer, audience,
 * {@code exp} present and not past, {@code nbf} not future (both with clock skew), {@code sub} a UUID and
 * {@code role} a known role. Public so the reactive gateway and auth-service build the same rules.
 */
public final class LecternJwtValidators {

    public static final String ROLE_CLAIM = "role";

    private LecternJwtValidators() {
    }

    public static OAuth2TokenValidator<Jwt> create(String issuer, String audience, Duration clockSkew) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtTimestampValidator(clockSkew),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, LecternJwtValidators::isUuid),
                new JwtClaimValidator<String>(ROLE_CLAIM, LecternJwtValidators::isRole));
    }

    public static OAuth2TokenValidator<Jwt> create(JwtProperties properties) {
        return create(properties.issuer(), properties.audience(), properties.clockSkew());
    }

    private static boolean isUuid(String value) {
        if (value == null) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isRole(String value) {
        if (value == null) {
            return false;
        }
        try {
            Role.fromWireName(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
