package dev.lectern.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformOptionsTest {

    private final Path repo = Path.of("/repo");
    private final Path data = Path.of("/data");

    @Test
    void defaultsAreThePortsOfTheArchitecturePage() {
        PlatformOptions options = PlatformOptions.fromEnvironment(repo, data, Map.of());

        assertThat(options.port(Service.GATEWAY)).isEqualTo(8080);
        assertThat(options.port(Service.AUTH)).isEqualTo(8081);
        assertThat(options.port(Service.WEBHOOK)).isEqualTo(8084);
        assertThat(options.managementPort(Service.GATEWAY)).isEqualTo(9080);
        assertThat(options.managementPort(Service.AUTH)).isEqualTo(9081);
        assertThat(options.managementPort(Service.COURSE)).isEqualTo(9082);
        assertThat(options.managementPort(Service.MEDIA)).isEqualTo(9083);
        assertThat(options.managementPort(Service.WEBHOOK)).isEqualTo(9084);
        assertThat(options.infraPorts()).isEqualTo(new InfraPorts(15432, 19092, 19093, 16379, 17017));
        assertThat(options.jvmOptions()).isEqualTo(PlatformOptions.DEFAULT_JVM_OPTIONS);
    }

    @Test
    void environmentVariablesMoveEveryPortAndTheServiceJvmOptions() {
        PlatformOptions options = PlatformOptions.fromEnvironment(repo, data, Map.of(
                "GATEWAY_PORT", "9080", "MEDIA_SERVICE_PORT", "9083", "POSTGRES_PORT", "6543",
                "GATEWAY_MANAGEMENT_PORT", "19980", "COURSE_SERVICE_MANAGEMENT_PORT", "19982",
                "KAFKA_PORT", "9092", "KAFKA_CONTROLLER_PORT", "9093", "REDIS_PORT", "6379", "MONGO_PORT", "27017",
                "LECTERN_SERVICE_JVM_OPTS", "-Xmx512m  -XX:+UseG1GC"));

        assertThat(options.port(Service.GATEWAY)).isEqualTo(9080);
        assertThat(options.port(Service.MEDIA)).isEqualTo(9083);
        assertThat(options.port(Service.AUTH)).isEqualTo(8081);
        assertThat(options.managementPort(Service.GATEWAY)).isEqualTo(19980);
        assertThat(options.managementPort(Service.COURSE)).isEqualTo(19982);
        assertThat(options.managementPort(Service.AUTH)).isEqualTo(9081);
        assertThat(options.infraPorts()).isEqualTo(new InfraPorts(6543, 9092, 9093, 6379, 27017));
        assertThat(options.jvmOptions()).containsExactly("-Xmx512m", "-XX:+UseG1GC");
    }

    @Test
    void muxIsEmulatedUnlessAMuxAccessTokenIsSet() {
        assertThat(PlatformOptions.fromEnvironment(repo, data, Map.of()).muxEmulatorPort())
                .isEqualTo(PlatformOptions.DEFAULT_MUX_EMULATOR_PORT);
        assertThat(PlatformOptions.fromEnvironment(repo, data, Map.of("MUX_EMULATOR_PORT", "58090")).muxEmulatorPort())
                .isEqualTo(58090);
        PlatformOptions real = PlatformOptions.fromEnvironment(repo, data, Map.of("MUX_TOKEN_ID", "abc"));
        assertThat(real.emulatesMux()).isFalse();
        assertThat(real.withEnv("X", "y").emulatesMux()).isFalse();
        assertThat(PlatformOptions.forTests(repo, data).emulatesMux()).isTrue();
    }

    @Test
    void aPortThatIsNotANumberIsRejectedByName() {
        assertThatThrownBy(() -> PlatformOptions.fromEnvironment(repo, data, Map.of("REDIS_PORT", "redis")))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("REDIS_PORT=redis");
        assertThatThrownBy(() -> PlatformOptions.fromEnvironment(repo, data, Map.of("GATEWAY_PORT", "70000")))
                .hasMessageContaining("GATEWAY_PORT=70000");
    }

    @Test
    void testOptionsUseDistinctFreePorts() {
        PlatformOptions options = PlatformOptions.forTests(repo, data);
        var ports = new java.util.HashSet<>(options.servicePorts().values());
        ports.addAll(options.managementPorts().values());
        InfraPorts infra = options.infraPorts();
        ports.addAll(java.util.List.of(infra.postgres(), infra.kafka(), infra.kafkaController(), infra.redis(), infra.mongo()));
        assertThat(ports).hasSize(15).doesNotContain(8080, 8081, 9080, 9081, 15432);
    }

    @Test
    void extraEnvironmentIsAddedWithoutLosingEarlierValues() {
        PlatformOptions options = PlatformOptions.forTests(repo, data)
                .withEnv("LECTERN_TRUSTED_PROXIES", "127.0.0.1/32")
                .withEnv(Map.of("LECTERN_ADMIN_EMAIL", "admin@example.com"));
        assertThat(options.extraEnv()).containsEntry("LECTERN_TRUSTED_PROXIES", "127.0.0.1/32")
                .containsEntry("LECTERN_ADMIN_EMAIL", "admin@example.com");
    }
}
