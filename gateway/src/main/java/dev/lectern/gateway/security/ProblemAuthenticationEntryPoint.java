package dev.lectern.gateway.security;

import dev.lectern.gateway.error.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 problem+json with {@code WWW-Authenticate: Bearer}; the reason stays in the gateway's debug log. */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean tokenSent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        if (tokenSent) {
            log.debug("Rejected bearer token: {}", ex.getMessage());
        }
        String challenge = tokenSent || ex instanceof InvalidBearerTokenException
                ? "Bearer error=\"invalid_token\"" : "Bearer";
        String detail = tokenSent ? "The access token is missing, malformed, expired or not valid for this API"
                : "This endpoint requires an access token";
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail,
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }
}
