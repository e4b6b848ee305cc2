package dev.lectern.platform.bench;

import dev.lectern.platform.PlatformStartException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkSettingsTest {

    @Test
    void defaultsAreBounded() {
        Benchmark.Settings s = Benchmark.Settings.parse(List.of());

        assertThat(s.requests()).isEqualTo(20_000);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.gateway()).isEmpty();
    }

    @Test
    void optionsOverrideDefaults() {
        Benchmark.Settings s = Benchmark.Settings.parse(List.of("--requests", "500", "--duration", "5",
                "--concurrency", "4", "--enrollments", "7", "--gateway", "http://localhost:8080",
                "--auth", "http://localhost:8081", "--course", "http://localhost:8082", "--webhook", "http://localhost:8084",
                "--webhook-secret", "s3cret", "--ready-lectures", "5"));

        assertThat(s.requests()).isEqualTo(500);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.concurrency()).isEqualTo(4);
        assertThat(s.gateway()).contains(URI.create("http://localhost:8080"));
        assertThat(s.auth()).contains(URI.create("http://localhost:8081"));
        assertThat(s.course()).contains(URI.create("http://localhost:8082"));
        assertThat(s.webhook()).contains(URI.create("http://localhost:8084"));
        assertThat(s.webhookSecret()).isEqualTo("s3cret");
        assertThat(s.readyLectures()).isEqualTo(5);
        assertThat(s.enrollments()).isEqualTo(7);
    }

    @Test
    void badOptionsAreRefusedWithUsage() {
        assertThatThrownBy(() -> Benchmark.Settings.parse(List.of("--requests", "-1")))
                .isInstanceOf(PlatformStartException.class).hasMessageContaining("Usage");
        assertThatThrownBy(() -> Benchmark.Settings.parse(List.of("--gateway", "http://localhost:8080")))
                .hasMessageContaining("--gateway, --auth, --course and --webhook go together");
        assertThatThrownBy(() -> Benchmark.Settings.parse(List.of("--fast")))
                .hasMessageContaining("Unknown benchmark option --fast");
    }
}
