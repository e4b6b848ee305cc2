package dev.lectern.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers: find a free loopback port, or fail clearly when a wanted port is taken. */
public final class Ports {

    private Ports() {
    }

    /** A port that was free on the loopback interface a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }

    /** Returns {@code port}, or a free port when it is 0. */
    public static int orFree(int port) {
        return port == 0 ? freePort() : port;
    }

    public static boolean isFree(int port) {
        return canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                && canBind(new InetSocketAddress(port));
    }

    /**
     * @throws PortInUseException naming the port and the environment variable that moves it
     */
    public static void requireFree(int port, String what, String envVar) {
        if (!isFree(port)) {
            throw new PortInUseException(what, port, envVar);
        }
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address, 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
