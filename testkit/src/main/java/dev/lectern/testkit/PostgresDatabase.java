package dev.lectern.testkit;

import dev.lectern.infra.PostgresInstance;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.SQLException;

/** One database on a running PostgreSQL. */
public record PostgresDatabase(PostgresInstance server, String database) {

    public String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return server.connect(database);
    }

    /**
     * Sets {@code spring.datasource.url/username/password} and the environment names
     * {@code POSTGRES_URL/POSTGRES_USER/POSTGRES_PASSWORD} used as placeholders in application.yml.
     */
    public PostgresDatabase register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::jdbcUrl);
        registry.add("spring.datasource.username", this::username);
        registry.add("spring.datasource.password", this::password);
        registry.add("POSTGRES_URL", this::jdbcUrl);
        registry.add("POSTGRES_USER", this::username);
        registry.add("POSTGRES_PASSWORD", this::password);
        return this;
    }
}
