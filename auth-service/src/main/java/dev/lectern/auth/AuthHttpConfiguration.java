package dev.lectern.auth;

import dev.lectern.auth.token.SigningKeyStore;
import dev.lectern.contracts.user.Role;
import dev.lectern.servicekit.security.AuthorizationRules;
import dev.lectern.servicekit.security.JwtProperties;
import dev.lectern.servicekit.security.LecternJwtValidators;
import dev.lectern.servicekit.security.PublicEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** What is public, what needs admin, and token verification against our own key store (no HTTP round trip). */
@Configuration(proxyBeanMethods = false)
class AuthHttpConfiguration implements WebMvcConfigurer {

    @Bean
    PublicEndpoints authPublicEndpoints() {
        return PublicEndpoints.of(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login",
                        "/api/v1/auth/refresh", "/api/v1/auth/logout")
                .and(HttpMethod.GET, "/.well-known/jwks.json");
    }

    @Bean
    AuthorizationRules adminOnly() {
        return rules -> rules.requestMatchers("/api/v1/admin/**").hasRole("ADMIN");
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeyStore signingKeys, JwtProperties jwt) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(signingKeys.jwkSource())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(LecternJwtValidators.create(jwt));
        return decoder;
    }

    /** {@code ?role=student}: roles travel in their lower-case wire form. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Role.class, Role::fromWireName);
    }
}
