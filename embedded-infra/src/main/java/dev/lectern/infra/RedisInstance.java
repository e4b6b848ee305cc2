package dev.lectern.infra;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A real Redis server (binary shipped by embedded-redis) as a child process. */
public final class RedisInstance extends PortBoundServer<RedisServer> {

    public static final String PORT_ENV = "REDIS_PORT";
    public static final int DEFAULT_PORT = 16379;


    /** A throwaway server on a free port. */
    public RedisInstance() {
        this(0, null);
    }

    /**
     * @param port    0 for a free port
     * @param dataDir working directory for Redis (snapshots), null for a temporary one
     */
    public RedisInstance(int port, Path dataDir) {
        super(port, PORT_ENV, dataDir, "redis");
    }

    @Override
    protected RedisServer launch() {
        String dir = dataDir().path().toString();
        RedisServer[] started = new RedisServer[1];
        try {
            BinaryLaunch.withRetryWhenTextFileBusy(() -> {
                RedisServer redis = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("dir " + dir)
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .setting("maxmemory 128mb")
                        .build();
                redis.start();
                started[0] = redis;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(name() + " failed to start on port " + port, e);
        }
        return started[0];
    }

    @Override
    protected void shutdown(RedisServer server) throws IOException {
        server.stop();
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
