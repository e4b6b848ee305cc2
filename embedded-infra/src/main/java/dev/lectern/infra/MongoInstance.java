package dev.lectern.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server (mongo-java-server) in this JVM: in memory, or in an H2 file when given a
 * data directory so documents survive a restart.
 */
public final class MongoInstance extends PortBoundServer<MongoServer> {

    public static final String PORT_ENV = "MONGO_PORT";
    public static final int DEFAULT_PORT = 17017;
    static final String FILE_NAME = "mongo.mv.db";

    private final Path dataDir;

    /** A throwaway in-memory server on a free port. */
    public MongoInstance() {
        this(0, null);
    }

    /**
     * @param port    0 for a free port
     * @param dataDir directory for the H2 file, null to keep everything in memory
     */
    public MongoInstance(int port, Path dataDir) {
        super(port, PORT_ENV, dataDir, "mongo");
        this.dataDir = dataDir;
    }

    @Override
    protected MongoServer launch() {
        MongoServer mongo = new MongoServer(backend());
        try {
            mongo.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            mongo.shutdownNow();
            throw new IllegalStateException(name() + " failed to start on port " + port, e);
        }
        return mongo;
    }

    private MongoBackend backend() {
        if (dataDir == null) {
            return new MemoryBackend();
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dataDir, e);
        }
        return new H2Backend(dataDir.resolve(FILE_NAME).toString());
    }

    @Override
    protected void shutdown(MongoServer server) {
        server.shutdownNow();
        // the server's event loops release the listening socket asynchronously; a restart must find it free
        Ports.awaitFree(port, java.time.Duration.ofSeconds(10));
    }

    @Override
    public String name() {
        return "MongoDB";
    }

    /** {@code mongodb://127.0.0.1:PORT/<database>} */
    public String connectionString(String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    /** {@code mongodb://127.0.0.1:PORT} */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }
}
