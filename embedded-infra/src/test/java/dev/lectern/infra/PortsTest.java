package dev.lectern.infra;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void freePortCanBeBoundAndAvoidsTheEphemeralRange() throws Exception {
        int port = Ports.freePort();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range)) {
            int ephemeralStart = Ports.ephemeralRangeStart();
            assertThat(ephemeralStart).isEqualTo(Integer.parseInt(Files.readAllLines(range).getFirst().split("\\s+")[0]));
            assertThat(port).isBetween(10_000, ephemeralStart - 1);
        }
    }

    @Test
    void portInUseIsReportedWithItsVariableAndWhatHoldsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(port, "Redis", "REDIS_PORT"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageStartingWith("Redis cannot start: port " + port + " is already in use")
                    .hasMessageEndingWith("Stop whatever listens there or choose another port with REDIS_PORT=<port>.");
            if (Files.isReadable(Path.of("/proc/net/tcp"))) {
                assertThat(PortHolders.describe(port))
                        .as("the listening socket and this JVM as its owner")
                        .anySatisfy(holder -> assertThat(holder).startsWith("LISTEN")
                                .contains("pid " + ProcessHandle.current().pid() + " ("));
            }
        }
    }

    @Test
    void aFreePortHasNoHolders() {
        assertThat(PortHolders.describe(Ports.freePort())).isEmpty();
    }
}
