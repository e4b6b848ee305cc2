package dev.lectern.infra;

import java.util.List;

/** A server could not start because its port is already taken; names what holds it when that is visible. */
public class PortInUseException extends IllegalStateException {

    private final int port;

    public PortInUseException(String what, int port, String envVar) {
        this(what, port, envVar, List.of());
    }

    public PortInUseException(String what, int port, String envVar, List<String> holders) {
        super(what + " cannot start: port " + port + " is already in use"
                + (holders.isEmpty() ? "" : " (" + String.join("; ", holders) + ")")
                + ". Stop whatever listens there or choose another port with " + envVar + "=<port>.");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
