package dev.lectern.servicekit.security;

import dev.lectern.servicekit.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/** 401 as problem+json, with {@code WWW-Authenticate: Bearer} (RFC 6750). */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProblemWriter writer;

    public ProblemAuthenticationEntryPoint(JsonMapper mapper) {
        this.writer = new ProblemWriter(mapper);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String detail;
        String challenge;
        if (failure instanceof IdentityHeaderMismatchException) {
            detail = failure.getMessage();
            challenge = "Bearer";
        } else if (failure instanceof InvalidBearerTokenException
                || failure instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException) {
            detail = "The bearer token is invalid or expired.";
            challenge = "Bearer error=\"invalid_token\"";
        } else {
            detail = "A valid bearer token is required.";
            challenge = "Bearer";
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        ProblemDetail problem = Problems.create(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
        writer.write(response, problem);
    }
}
