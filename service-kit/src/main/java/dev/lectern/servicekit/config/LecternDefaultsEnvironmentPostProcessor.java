package dev.lectern.servicekit.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    /** OTLP/HTTP collector that receives the spans; empty (the default) exports nothing. */
    public static final String OTLP_ENDPOINT_ENV = "LECTERN_TRACING_OTLP_ENDPOINT";

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

        // metrics: every series names its service; latency histograms for request dashboards and SLO queries
        defaults.put("management.metrics.tags.application", "${spring.application.name:}");
        for (String timer : List.of("http.server.requests", "http.client.requests")) {
            defaults.put("management.metrics.distribution.percentiles-histogram." + timer, "true");
            defaults.put("management.metrics.distribution.minimum-expected-value." + timer, "5ms");
            defaults.put("management.metrics.distribution.maximum-expected-value." + timer, "30s");
        }

        // tracing: W3C trace context in and out (HTTP and Kafka headers), trace and span id in every log line
        defaults.put("management.tracing.sampling.probability", "${LECTERN_TRACING_SAMPLING_PROBABILITY:1.0}");
        defaults.put("spring.kafka.template.observation-enabled", "true");
        defaults.put("spring.kafka.listener.observation-enabled", "true");
        // a trace per poll of every relay and job would bury the traces of requests and events
        defaults.put("management.observations.enable.tasks.scheduled.execution", "false");
        otlpTracesEndpoint(environment.getProperty("LECTERN_TRACING_OTLP_ENDPOINT", ""))
                .ifPresent(url -> defaults.put("management.opentelemetry.tracing.export.otlp.endpoint", url));

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

    /**
     * Where spans go over OTLP/HTTP: nothing when {@code LECTERN_TRACING_OTLP_ENDPOINT} is empty (Boot then creates
     * no exporter); a collector's base URL gets the traces path {@code /v1/traces}, a URL with a path is kept.
     */
    public static Optional<String> otlpTracesEndpoint(String configured) {
        String url = configured.strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(OTLP_ENDPOINT_ENV + " is not a URL: " + url, e);
        }
        if (path == null || path.isEmpty() || path.equals("/")) {
            return Optional.of(url.replaceAll("/+$", "") + "/v1/traces");
        }
        return Optional.of(url);
    }

    /** After config data has loaded, so that {@code addLast} really is last. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
