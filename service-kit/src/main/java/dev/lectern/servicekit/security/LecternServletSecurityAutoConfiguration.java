package dev.lectern.servicekit.security;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service is a stateless resource server: RS256 tokens from the JWKS, checked by
 * {@link LecternJwtValidators}; identity headers checked by {@link IdentityHeaderFilter}; 401/403 as
 * problem+json. Services add {@link PublicEndpoints} and {@link AuthorizationRules} beans; one that declares
 * its own {@link JwtDecoder} (auth-service verifies against its own key store) keeps it.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"
})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, HttpSecurity.class, JwtDecoder.class})
@EnableConfigurationProperties(JwtProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
public class LecternServletSecurityAutoConfiguration {

    static final String[] ALWAYS_PUBLIC = {
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error"
    };

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder lecternJwtDecoder(JwtProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(LecternJwtValidators.create(properties));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAuthenticationEntryPoint lecternAuthenticationEntryPoint(JsonMapper mapper) {
        return new ProblemAuthenticationEntryPoint(mapper);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAccessDeniedHandler lecternAccessDeniedHandler(JsonMapper mapper) {
        return new ProblemAccessDeniedHandler(mapper);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain lecternSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
                                                   ObjectProvider<PublicEndpoints> publicEndpoints,
                                                   ObjectProvider<AuthorizationRules> authorizationRules,
                                                   ProblemAuthenticationEntryPoint entryPoint,
                                                   ProblemAccessDeniedHandler accessDeniedHandler) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler)
                        .jwt(jwt -> jwt.decoder(jwtDecoder)
                                .jwtAuthenticationConverter(new LecternJwtAuthenticationConverter())))
                .authorizeHttpRequests(rules -> {
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    rules.requestMatchers(ALWAYS_PUBLIC).permitAll();
                    publicEndpoints.orderedStream().forEach(endpoints -> endpoints.rules().forEach(rule -> {
                        String[] patterns = rule.patterns().toArray(String[]::new);
                        if (rule.method() == null) {
                            rules.requestMatchers(patterns).permitAll();
                        } else {
                            rules.requestMatchers(rule.method(), patterns).permitAll();
                        }
                    }));
                    authorizationRules.orderedStream().forEach(custom -> custom.configure(rules));
                    rules.anyRequest().authenticated();
                })
                .addFilterAfter(new IdentityHeaderFilter(entryPoint), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
