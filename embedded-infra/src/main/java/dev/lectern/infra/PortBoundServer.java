package dev.lectern.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The lifecycle every embedded server shares: claim the port (a free one when constructed with 0, else
 * fail clearly if it is taken), launch, stop keeping port and data, close deleting a temporary data
 * directory. Subclasses say only how to launch and shut down their server.
 *
 * @param <S> the running server object
 */
abstract class PortBoundServer<S> implements EmbeddedServer {

    private final String portEnv;
    private final Path requestedDataDir;
    private final String dataDirPrefix;
    protected int port;
    private DataDirectory dataDir;
    private S server;

    /**
     * @param port             0 for a free port
     * @param portEnv          the variable that moves the port, named when it is taken
     * @param requestedDataDir the data directory, null for a temporary one
     * @param dataDirPrefix    prefix of a temporary data directory
     */
    protected PortBoundServer(int port, String portEnv, Path requestedDataDir, String dataDirPrefix) {
        this.port = port;
        this.portEnv = portEnv;
        this.requestedDataDir = requestedDataDir;
        this.dataDirPrefix = dataDirPrefix;
    }

    /** Starts the server on {@link #port}; the port is claimed and the data directory exists by now. */
    protected abstract S launch();

    protected abstract void shutdown(S server) throws Exception;

    @Override
    public final synchronized void start() {
        if (server != null) {
            return;
        }
        if (port == 0) {
            port = Ports.freePort();
        } else {
            Ports.requireFree(port, name(), portEnv);
        }
        server = launch();
    }

    @Override
    public final synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            shutdown(server);
        } catch (IOException e) {
            throw new UncheckedIOException(name() + " failed to stop", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name() + " failed to stop", e);
        } finally {
            server = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (dataDir != null) {
            dataDir.deleteIfTemporary();
            dataDir = null;
        }
    }

    @Override
    public final synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public final int port() {
        return port;
    }

    /** The data directory, created on first use (a temporary one when none was requested). */
    protected final synchronized DataDirectory dataDir() {
        if (dataDir == null) {
            dataDir = DataDirectory.of(requestedDataDir, dataDirPrefix);
        }
        return dataDir;
    }

    /** Where the data is or will be. */
    public synchronized Path dataDirectory() {
        return dataDir == null ? requestedDataDir : dataDir.path();
    }
}
