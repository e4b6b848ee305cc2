package dev.lectern.gateway.request;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** CORS for browser clients; no allowed origins means the gateway sends no CORS headers at all. */
@ConfigurationProperties("lectern.cors")
record CorsProperties(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
        boolean allowCredentials, Duration maxAge) {

    CorsProperties {
        allowedOrigins = clean(allowedOrigins);
        allowedMethods = clean(allowedMethods);
        allowedHeaders = clean(allowedHeaders);
        maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
