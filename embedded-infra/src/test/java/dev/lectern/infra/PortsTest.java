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
    void portInUseIsReportedWithItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.isFree(taken.getLocalPort())).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(taken.getLocalPort(), "Redis", "REDIS_PORT"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("Redis cannot start: port " + taken.getLocalPort() + " is already in use. "
                            + "Stop whatever listens there or choose another port with REDIS_PORT=<port>.");
        }
    }
}
