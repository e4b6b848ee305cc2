package dev.lectern.infra;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds a TCP port on this machine, read from Linux's {@code /proc}: each socket bound to the port with
 * its state and the process owning it, so a "port already in use" names the culprit. Empty where /proc is
 * not readable (other systems, other users' processes).
 */
final class PortHolders {

    private static final Map<String, String> STATES = Map.ofEntries(
            Map.entry("01", "ESTABLISHED"), Map.entry("02", "SYN_SENT"), Map.entry("03", "SYN_RECV"),
            Map.entry("04", "FIN_WAIT1"), Map.entry("05", "FIN_WAIT2"), Map.entry("06", "TIME_WAIT"),
            Map.entry("07", "CLOSE"), Map.entry("08", "CLOSE_WAIT"), Map.entry("09", "LAST_ACK"),
            Map.entry("0A", "LISTEN"), Map.entry("0B", "CLOSING"));

    private PortHolders() {
    }

    /** One line per socket bound locally to {@code port}: state, remote end and owning process when known. */
    static List<String> describe(int port) {
        Map<String, String> socketsByInode = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !f[1].contains(":")) {
                        continue;
                    }
                    int localPort = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                    if (localPort == port) {
                        String remotePort = String.valueOf(Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16));
                        socketsByInode.put(f[9], STATES.getOrDefault(f[3], f[3]) + " remote port " + remotePort);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }
        List<String> found = new ArrayList<>();
        Map<String, String> owners = owners(socketsByInode);
        socketsByInode.forEach((inode, socket) -> found.add(socket + ", "
                + owners.getOrDefault(inode, inode.equals("0") ? "no process (kernel-held)" : "owner not visible")));
        return found;
    }

    private static Map<String, String> owners(Map<String, String> socketsByInode) {
        Map<String, String> owners = new HashMap<>();
        if (socketsByInode.isEmpty()) {
            return owners;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            String inode = target.substring(8, target.length() - 1);
                            if (socketsByInode.containsKey(inode)) {
                                owners.put(inode, "pid " + process.getFileName() + " (" + commandLine(process) + ")");
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // gone or not ours to read
                }
            }
        } catch (IOException e) {
            return owners;
        }
        return owners;
    }

    private static String commandLine(Path process) {
        try {
            String cmd = new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ').trim();
            return cmd.length() > 160 ? cmd.substring(0, 160) + "..." : cmd;
        } catch (IOException e) {
            return "?";
        }
    }
}
