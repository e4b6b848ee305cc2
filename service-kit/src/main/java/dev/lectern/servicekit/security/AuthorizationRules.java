package dev.lectern.servicekit.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Extra URL rules a service adds before the final "everything else needs a token", e.g.
 * {@code rules -> rules.requestMatchers("/api/v1/admin/**").hasRole("ADMIN")}.
 */
@FunctionalInterface
public interface AuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
