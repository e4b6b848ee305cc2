package dev.lectern.infra;

/**
 * A real server running inside this JVM (or as a child process it owns).
 * {@link #stop()} keeps the data so {@link #start()} can bring the same server back on the same port;
 * {@link #close()} stops it and deletes data it created in a temporary directory.
 */
public interface EmbeddedServer extends AutoCloseable {

    /** Starts the server; does nothing if it is running. */
    void start();

    /** Stops the server, keeping its port and data for a later {@link #start()}. */
    void stop();

    boolean isRunning();

    /** The port the server listens on (fixed at the first start when constructed with port 0). */
    int port();

    /** Human name used in messages, e.g. "PostgreSQL". */
    String name();

    @Override
    void close();
}
