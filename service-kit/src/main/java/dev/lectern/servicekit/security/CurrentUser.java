package dev.lectern.servicekit.security;

import dev.lectern.contracts.user.Role;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller, from the verified access token. Declare it as a controller method parameter to get it; a
 * request without a verified token then answers 401.
 */
public record CurrentUser(UUID id, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean is(Role other) {
        return role == other;
    }

    public static CurrentUser of(Jwt jwt) {
        return new CurrentUser(UUID.fromString(jwt.getSubject()),
                Role.fromWireName(jwt.getClaimAsString(LecternJwtValidators.ROLE_CLAIM)));
    }

    /** The caller of the request on this thread, if it presented a verified token. */
    public static Optional<CurrentUser> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(of(token.getToken()));
        }
        return Optional.empty();
    }
}
