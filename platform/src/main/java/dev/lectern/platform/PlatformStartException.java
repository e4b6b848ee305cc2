package dev.lectern.platform;

/** The platform could not start; the message says why and what to do. */
public class PlatformStartException extends RuntimeException {

    /** Exit code for the launcher: 2 ports taken, 3 jars missing, 1 anything else. */
    private final int exitCode;

    public PlatformStartException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public PlatformStartException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    public int exitCode() {
        return exitCode;
    }
}
