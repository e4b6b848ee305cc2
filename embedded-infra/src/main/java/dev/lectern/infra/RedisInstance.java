package dev.lectern.infra;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A real Redis server (binary shipped by embedded-redis) as a child process. */
public final class RedisInstance implements EmbeddedServer {

    public static final String PORT_ENV = "REDIS_PORT";
    public static final int DEFAULT_PORT = 56379;

    private final Path requestedDataDir;
    private int port;
    private DataDirectory dataDir;
    private RedisServer server;

    /** A throwaway server on a free port. */
    public RedisInstance() {
        this(0, null);
    }

    /**
     * @param port    0 for a free port
     * @param dataDir working directory for Redis (snapshots), null for a temporary one
     */
    public RedisInstance(int port, Path dataDir) {
        this.port = port;
        this.requestedDataDir = dataDir;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        if (port == 0) {
            port = Ports.freePort();
        } else {
            Ports.requireFree(port, name(), PORT_ENV);
        }
        if (dataDir == null) {
            dataDir = DataDirectory.of(requestedDataDir, "redis");
        }
        try {
            BinaryLaunch.withRetryWhenTextFileBusy(() -> {
                RedisServer redis = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("dir " + dataDir.path())
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .setting("maxmemory 128mb")
                        .build();
                redis.start();
                server = redis;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(name() + " failed to start on port " + port, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(name() + " failed to stop", e);
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
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String name() {
        return "Redis";
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:PORT} */
    public String uri() {
        return "redis://" + host() + ":" + port;
    }
}
