package dev.lectern.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the launcher refuses before starting anything. */
class LocalPlatformStartCheckTest {

    @TempDir
    Path repo;

    @TempDir
    Path data;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    private PlatformOptions options() {
        return PlatformOptions.forTests(repo, data).withOut(new PrintStream(progress));
    }

    private void createJars() throws IOException {
        for (Service s : Service.values()) {
            Files.createDirectories(s.jar(repo).getParent());
            Files.writeString(s.jar(repo), "not really a jar");
        }
    }

    @Test
    void missingJarsAreNamedWithTheBuildCommandAndExitCode3() throws IOException {
        createJars();
        Files.delete(Service.AUTH.jar(repo));

        assertThatThrownBy(() -> LocalPlatform.start(options()))
                .isInstanceOfSatisfying(PlatformStartException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
                .hasMessageContaining(Service.AUTH.jar(repo).toString())
                .hasMessageContaining("./mvnw -B -DskipTests install")
                .message().doesNotContain(Service.GATEWAY.jar(repo).toString());
        assertThat(progress.toString()).isEmpty();
    }

    @Test
    void takenPortIsNamedWithItsVariableAndNothingStarts() throws IOException {
        createJars();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PlatformOptions base = options();
            Map<Service, Integer> ports = new EnumMap<>(base.servicePorts());
            ports.put(Service.COURSE, taken.getLocalPort());
            PlatformOptions withTakenPort = new PlatformOptions(repo, data, base.cacheDir(), ports, base.managementPorts(), base.infraPorts(), Map.of(),
                    base.jvmOptions(), base.readyTimeout(), base.out(), base.muxEmulatorPort());

            assertThatThrownBy(() -> LocalPlatform.start(withTakenPort))
                    .isInstanceOfSatisfying(PlatformStartException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                    .hasMessageContaining("port " + taken.getLocalPort() + " (COURSE_SERVICE_PORT, course-service) is already in use")
                    .hasMessageContaining("COURSE_SERVICE_PORT");
        }
        assertThat(progress.toString()).isEmpty();
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void takenManagementPortIsNamedWithItsVariable() throws IOException {
        createJars();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PlatformOptions base = options();
            Map<Service, Integer> management = new EnumMap<>(base.managementPorts());
            management.put(Service.MEDIA, taken.getLocalPort());
            PlatformOptions withTakenPort = new PlatformOptions(repo, data, base.cacheDir(), base.servicePorts(),
                    management, base.infraPorts(), Map.of(), base.jvmOptions(), base.readyTimeout(), base.out(),
                    base.muxEmulatorPort());

            assertThatThrownBy(() -> LocalPlatform.start(withTakenPort))
                    .isInstanceOfSatisfying(PlatformStartException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                    .hasMessageContaining("port " + taken.getLocalPort()
                            + " (MEDIA_SERVICE_MANAGEMENT_PORT, media-service management) is already in use");
        }
        assertThat(progress.toString()).isEmpty();
    }

    @Test
    void takenMuxEmulatorPortIsNamedWithItsVariable() throws IOException {
        createJars();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PlatformOptions base = options();
            PlatformOptions withTakenPort = new PlatformOptions(repo, data, base.cacheDir(), base.servicePorts(),
                    base.managementPorts(), base.infraPorts(), Map.of(), base.jvmOptions(), base.readyTimeout(), base.out(),
                    taken.getLocalPort());

            assertThatThrownBy(() -> LocalPlatform.start(withTakenPort))
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining("MUX_EMULATOR_PORT");
        }
    }

    @Test
    void takenInfrastructurePortIsNamedWithItsVariable() throws IOException {
        createJars();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PlatformOptions base = options();
            InfraPorts infra = base.infraPorts();
            PlatformOptions withTakenPort = new PlatformOptions(repo, data, base.cacheDir(), base.servicePorts(),
                    base.managementPorts(), new InfraPorts(infra.postgres(), infra.kafka(), infra.kafkaController(), taken.getLocalPort(), infra.mongo()),
                    Map.of(), base.jvmOptions(), base.readyTimeout(), base.out(), base.muxEmulatorPort());

            assertThatThrownBy(() -> LocalPlatform.start(withTakenPort))
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining("REDIS_PORT");
        }
    }
}
