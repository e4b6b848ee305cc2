package dev.lectern.media.mux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MuxPropertiesTest {

    static MuxProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("lectern.mux", MuxProperties.class);
    }

    @Test
    void withNothingSetThenDocumentedDefaults() {
        MuxProperties properties = bind(Map.of());

        assertThat(properties.baseUrl()).isEqualTo(URI.create("https://api.mux.com"));
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.maxRetries()).isEqualTo(3);
        assertThat(properties.retryBudget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.hasCredentials()).isFalse();
        assertThat(properties.toString()).contains("tokenSecret=<unset>");
    }

    @Test
    void overridesAreBoundAndSecretStaysHidden() {
        MuxProperties properties = bind(Map.of(
                "lectern.mux.base-url", "http://127.0.0.1:9999",
                "lectern.mux.token-id", "id-1",
                "lectern.mux.token-secret", "s3cr3t-value",
                "lectern.mux.read-timeout", "PT1S",
                "lectern.mux.max-retries", "0"));

        assertThat(properties.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.maxRetries()).isZero();
        assertThat(properties.hasCredentials()).isTrue();
        assertThat(properties.toString()).contains("id-1").doesNotContain("s3cr3t-value");
    }
}
