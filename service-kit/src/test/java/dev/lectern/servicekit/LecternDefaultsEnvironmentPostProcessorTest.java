package dev.lectern.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.servicekit.config.LecternDefaultsEnvironmentPostProcessor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LecternDefaultsEnvironmentPostProcessorTest {

    private final LecternDefaultsEnvironmentPostProcessor processor = new LecternDefaultsEnvironmentPostProcessor();

    @Test
    void defaultsApplyWhenTheServiceSaysNothing() {
        StandardEnvironment environment = new StandardEnvironment();
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.jackson.property-naming-strategy")).isEqualTo("SNAKE_CASE");
        assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health,info,prometheus");
        assertThat(environment.getProperty("lectern.jwt.issuer")).isEqualTo("lectern-auth");
    }

    @Test
    void serviceConfigurationWinsOverDefaults() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", Map.of(
                "server.shutdown", "immediate", "LECTERN_JWT_AUDIENCE", "other-api")));
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("immediate");
        assertThat(environment.getProperty("lectern.jwt.audience")).isEqualTo("other-api");
    }

    @Test
    void jsonLogFormatSwitchesConsoleToEcs() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("env", Map.of("LOG_FORMAT", "json")));
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void textLogFormatKeepsPlainConsole() {
        StandardEnvironment environment = new StandardEnvironment();
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("logging.pattern.level")).contains("%X{request_id");
    }

    @Test
    void tracingSamplesEverythingAndExportsNothingUnlessAnEndpointIsSet() {
        StandardEnvironment environment = new StandardEnvironment();
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
        assertThat(environment.containsProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isFalse();
        assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("true");
    }

    @Test
    void samplingAndOtlpEndpointComeFromTheirVariables() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("env", Map.of(
                "LECTERN_TRACING_SAMPLING_PROBABILITY", "0.25",
                "LECTERN_TRACING_OTLP_ENDPOINT", "http://collector:4318")));
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isEqualTo("http://collector:4318/v1/traces");
    }

    @Test
    void anOtlpEndpointWithAPathIsTakenAsItIs() {
        assertThat(LecternDefaultsEnvironmentPostProcessor.otlpTracesEndpoint("https://otel.example.com/custom/traces"))
                .hasValue("https://otel.example.com/custom/traces");
        assertThat(LecternDefaultsEnvironmentPostProcessor.otlpTracesEndpoint("http://jaeger:4318/"))
                .hasValue("http://jaeger:4318/v1/traces");
        assertThat(LecternDefaultsEnvironmentPostProcessor.otlpTracesEndpoint("  ")).isEmpty();
    }
}
