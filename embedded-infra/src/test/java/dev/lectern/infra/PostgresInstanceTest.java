package dev.lectern.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresInstanceTest {

    @TempDir
    Path tempDir;

    @Test
    void ensureDatabaseCreatesItOnceAndServesQueries() throws SQLException {
        try (PostgresInstance postgres = new PostgresInstance()) {
            postgres.start();

            String url = postgres.ensureDatabase("auth");
            assertThat(postgres.ensureDatabase("auth")).isEqualTo(url);
            assertThat(url).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/auth");

            try (Connection c = postgres.connect("auth"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database(), 40 + 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("auth");
                assertThat(rs.getInt(2)).isEqualTo(42);
            }
        }
    }

    @Test
    void dataInAGivenDirectorySurvivesARestartOnTheSamePort() throws SQLException {
        Path data = tempDir.resolve("pg");
        int port;
        try (PostgresInstance first = new PostgresInstance(0, data)) {
            first.start();
            port = first.port();
            first.ensureDatabase("auth");
            try (Connection c = first.connect("auth"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE note (text varchar(20))");
                s.execute("INSERT INTO note VALUES ('kept')");
            }
        }

        try (PostgresInstance second = new PostgresInstance(port, data)) {
            second.start();
            try (Connection c = second.connect("auth"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT text FROM note")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
        }
    }

    @Test
    void stopThenStartServesAgain() throws SQLException {
        try (PostgresInstance postgres = new PostgresInstance()) {
            postgres.start();
            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(() -> postgres.connect("postgres")).isInstanceOf(IllegalStateException.class);

            postgres.start();
            try (Connection c = postgres.connect("postgres")) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void takenPortFailsNamingThePortAndTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             PostgresInstance postgres = new PostgresInstance(taken.getLocalPort(), null)) {
            assertThatThrownBy(postgres::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("POSTGRES_PORT");
        }
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        try (PostgresInstance postgres = new PostgresInstance()) {
            assertThatThrownBy(() -> postgres.ensureDatabase("auth; DROP DATABASE postgres"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
