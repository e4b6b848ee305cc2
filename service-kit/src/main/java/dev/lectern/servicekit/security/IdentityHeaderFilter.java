package dev.lectern.servicekit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Identity headers never grant anything: {@code X-User-Id}/{@code X-User-Role} must agree with the verified
 * token, and without a token they are refused. Runs after bearer-token authentication.
 */
public class IdentityHeaderFilter extends OncePerRequestFilter {

    public static final String USER_ID_HEADER = "X-User-Id";
    public static final String USER_ROLE_HEADER = "X-User-Role";

    private final AuthenticationEntryPoint entryPoint;

    public IdentityHeaderFilter(AuthenticationEntryPoint entryPoint) {
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> ids = Collections.list(request.getHeaders(USER_ID_HEADER));
        List<String> roles = Collections.list(request.getHeaders(USER_ROLE_HEADER));
        if (ids.isEmpty() && roles.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            reject(request, response, "Identity headers are only accepted together with a matching bearer token.");
            return;
        }
        Jwt jwt = token.getToken();
        String role = jwt.getClaimAsString(LecternJwtValidators.ROLE_CLAIM);
        boolean idsAgree = ids.stream().allMatch(id -> id.trim().equalsIgnoreCase(jwt.getSubject()));
        boolean rolesAgree = roles.stream().allMatch(r -> r.trim().equalsIgnoreCase(role));
        if (!idsAgree || !rolesAgree) {
            reject(request, response, "Identity headers do not match the bearer token.");
            return;
        }
        chain.doFilter(request, response);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException, ServletException {
        SecurityContextHolder.clearContext();
        entryPoint.commence(request, response, new IdentityHeaderMismatchException(detail));
    }
}
