package dev.lectern.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Port helpers: find a free loopback port, or fail clearly when a wanted port is taken. */
public final class Ports {

    private Ports() {
    }

    private static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /**
     * A port that was free a moment ago. Picked below the kernel's ephemeral range when it is known, so that
     * the outgoing connections of other processes (which take ephemeral local ports) cannot grab it between
     * this call and the server's bind.
     */
    public static int freePort() {
        int ephemeralStart = ephemeralRangeStart();
        if (ephemeralStart > LOWEST + 1_000) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
                if (isFree(candidate)) {
                    return candidate;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }

    /** First port of the kernel's ephemeral range, 0 when unknown. */
    static int ephemeralRangeStart() {
        try {
            // readAllLines, not readString: /proc files report a size that readString trusts
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Returns {@code port}, or a free port when it is 0. */
    public static int orFree(int port) {
        return port == 0 ? freePort() : port;
    }

    /**
     * Whether nothing listens on {@code port}. On Linux this reads the kernel's socket table instead of
     * binding a test socket: a test socket opened while another thread starts a process is inherited by the
     * child (the JDK's launcher closes the parent's descriptors only after it runs), and the port then stays
     * taken for a moment after the check. That made platform starts fail now and then with a port "already in
     * use" right after it was found free. Elsewhere a bind on loopback and on the wildcard address decides.
     */
    public static boolean isFree(int port) {
        return TcpSockets.read()
                .map(sockets -> sockets.stream().noneMatch(s -> s.localPort() == port && s.listening()))
                .orElseGet(() -> canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                        && canBind(new InetSocketAddress(port)));
    }

    /** Waits until nothing listens on {@code port} any more, at most {@code timeout}; says whether it is free. */
    public static boolean awaitFree(int port, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isFree(port)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * @throws PortInUseException naming the port and the environment variable that moves it
     */
    public static void requireFree(int port, String what, String envVar) {
        if (!isFree(port)) {
            throw new PortInUseException(what, port, envVar, PortHolders.describe(port));
        }
    }

    /** False only when the address is taken; any other failure (no descriptors left, ...) is not "in use". */
    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address, 1);
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check whether " + address + " is free", e);
        }
    }
}
