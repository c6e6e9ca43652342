package org.urad.envmon.ingest.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The TimescaleDB server named by {@code INGEST_TEST_TIMESCALEDB_URL} (a JDBC URL of its maintenance
 * database; same user and password as {@link TestServices}), and throwaway databases on it.
 */
public final class TimescaleServer {

    private TimescaleServer() {}

    /** The server's URL, or empty where the environment names none. */
    public static Optional<String> url() {
        String server = System.getenv("INGEST_TEST_TIMESCALEDB_URL");
        return server == null || server.isBlank() ? Optional.empty() : Optional.of(server);
    }

    /** A fresh, migrated database on the server; dropped on close. */
    public static Database migratedDatabase(String prefix) {
        String server = url().orElseThrow();
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        execute(server, "CREATE DATABASE " + name);
        String url = server.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        MigratedDatabase.migrate(url);
        return new Database(server, name, url);
    }

    /** A database on the TimescaleDB server. */
    public record Database(String server, String name, String url) implements AutoCloseable {
        @Override
        public void close() {
            execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, TestServices.user(), TestServices.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
