package dev.lectern.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's TCP sockets as Linux lists them in {@code /proc/net/tcp} and {@code /proc/net/tcp6}: read
 * without opening a socket, so looking leaves nothing behind for a process started at the same moment to
 * inherit. Empty where the files cannot be read (other systems).
 */
final class TcpSockets {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN = "0A";
    private static final Map<String, String> STATES = Map.ofEntries(
            Map.entry("01", "ESTABLISHED"), Map.entry("02", "SYN_SENT"), Map.entry("03", "SYN_RECV"),
            Map.entry("04", "FIN_WAIT1"), Map.entry("05", "FIN_WAIT2"), Map.entry("06", "TIME_WAIT"),
            Map.entry("07", "CLOSE"), Map.entry("08", "CLOSE_WAIT"), Map.entry("09", "LAST_ACK"),
            Map.entry(LISTEN, "LISTEN"), Map.entry("0B", "CLOSING"));

    /** One socket: its local and remote port, state code and inode (0 when no process owns it any more). */
    record Socket(int localPort, int remotePort, String state, String inode) {

        boolean listening() {
            return state.equals(LISTEN);
        }

        String stateName() {
            return STATES.getOrDefault(state, state);
        }
    }

    private TcpSockets() {
    }

    static Optional<List<Socket>> read() {
        List<Socket> sockets = new ArrayList<>();
        for (Path table : TABLES) {
            try {
                List<String> lines = Files.readAllLines(table);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    sockets.add(new Socket(port(f[1]), port(f[2]), f[3], f[9]));
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.of(sockets);
    }

    /** The port of an {@code ADDRESS:PORT} column, both in hex. */
    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }
}
