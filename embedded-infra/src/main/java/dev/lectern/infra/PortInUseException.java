package dev.lectern.infra;

/** A server could not start because its port is already taken. */
public class PortInUseException extends IllegalStateException {

    private final int port;

    public PortInUseException(String what, int port, String envVar) {
        super(what + " cannot start: port " + port + " is already in use. "
                + "Stop whatever listens there or choose another port with " + envVar + "=<port>.");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
