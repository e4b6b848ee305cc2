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
 * not readable (other systems).
 */
final class PortHolders {

    private PortHolders() {
    }

    /** One line per socket bound locally to {@code port}: state, remote end and owning process when known. */
    static List<String> describe(int port) {
        List<TcpSockets.Socket> sockets = TcpSockets.read().orElse(List.of()).stream()
                .filter(s -> s.localPort() == port).toList();
        Map<String, String> owners = owners(sockets.stream().map(TcpSockets.Socket::inode).toList());
        List<String> found = new ArrayList<>();
        for (TcpSockets.Socket socket : sockets) {
            String owner = socket.inode().equals("0") ? "no process (kernel-held)"
                    : owners.getOrDefault(socket.inode(), "owner gone or not visible");
            found.add(socket.stateName() + " remote port " + socket.remotePort() + ", " + owner);
        }
        return found;
    }

    private static Map<String, String> owners(List<String> inodes) {
        Map<String, String> owners = new HashMap<>();
        if (inodes.isEmpty()) {
            return owners;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            String inode = target.substring(8, target.length() - 1);
                            if (inodes.contains(inode)) {
                                owners.put(inode, "pid " + process.getFileName() + " (" + commandLine(process) + ")");
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // gone, or not ours to read
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
