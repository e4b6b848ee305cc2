package dev.lectern.servicekit.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every Lectern service shares. They sit in the lowest-priority property source, so a service's
 * {@code application.yml}, system properties and environment variables all override them.
 */
public class LecternDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE_NAME = "lecternDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults(environment)));
    }

    static Map<String, Object> defaults(ConfigurableEnvironment environment) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.jackson.property-naming-strategy", "SNAKE_CASE");
        defaults.put("spring.mvc.problemdetails.enabled", "true");
        defaults.put("spring.webflux.problemdetails.enabled", "true");

        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.health.livenessstate.enabled", "true");
        defaults.put("management.health.readinessstate.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "never");
        // component statuses (db, kafka, ...) without their details: enough for an operator, nothing for an attacker
        defaults.put("management.endpoint.health.show-components", "always");

        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.error.include-exception", "false");

        defaults.put("logging.pattern.level", "%5p [%X{request_id:-}]");
        String logFormat = environment.getProperty("LOG_FORMAT", "text");
        if ("json".equals(logFormat.trim().toLowerCase(Locale.ROOT))) {
            defaults.put("logging.structured.format.console", "ecs");
        }

        defaults.put("lectern.jwt.jwks-uri", "${LECTERN_JWKS_URI:http://localhost:8081/.well-known/jwks.json}");
        defaults.put("lectern.jwt.issuer", "${LECTERN_JWT_ISSUER:lectern-auth}");
        defaults.put("lectern.jwt.audience", "${LECTERN_JWT_AUDIENCE:lectern-api}");
        defaults.put("lectern.jwt.clock-skew", "30s");
        return defaults;
    }

    /** After config data has loaded, so that {@code addLast} really is last. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
