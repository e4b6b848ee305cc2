package dev.lectern.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/** A real PostgreSQL server (zonky binaries). Persistent when given a data directory. */
public final class PostgresInstance extends PortBoundServer<EmbeddedPostgres> {

    public static final String PORT_ENV = "POSTGRES_PORT";
    public static final int DEFAULT_PORT = 15432;
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");


    /** A throwaway server on a free port. */
    public PostgresInstance() {
        this(0, null);
    }

    /**
     * @param port    0 for a free port
     * @param dataDir null for a temporary directory deleted on close
     */
    public PostgresInstance(int port, Path dataDir) {
        super(port, PORT_ENV, dataDir, "postgres");
    }

    @Override
    protected EmbeddedPostgres launch() {
        DataDirectory dataDir = dataDir();
        EmbeddedPostgres[] started = new EmbeddedPostgres[1];
        try {
            BinaryLaunch.withRetryWhenTextFileBusy(() -> started[0] = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir.path())
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDir.isTemporary() ? "off" : "on")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(name() + " failed to start on port " + port, e);
        }
        return started[0];
    }

    @Override
    protected void shutdown(EmbeddedPostgres postgres) throws IOException {
        postgres.close();
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Creates the database if it does not exist yet. Returns its JDBC url. */
    public String ensureDatabase(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = connect("postgres");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently: fine
                throw new IllegalStateException("Cannot create database " + database, e);
            }
        }
        return jdbcUrl(database);
    }

    /** A new JDBC connection to the given database; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        if (!isRunning()) {
            throw new IllegalStateException(name() + " is not running");
        }
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }
}
