package org.urad.envmon.ingest.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Where integration tests find PostgreSQL and an MQTT broker: the servers the environment names
 * ({@code INGEST_TEST_JDBC_URL}, {@code INGEST_TEST_MQTT_URL}), else local defaults.
 */
public final class TestServices {

    private TestServices() {}

    /** A JDBC URL of the server's maintenance database, for creating test databases. */
    public static String adminJdbcUrl() {
        return env("INGEST_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    public static String user() {
        return env("INGEST_TEST_JDBC_USER", "postgres");
    }

    public static String password() {
        return env("INGEST_TEST_JDBC_PASSWORD", "");
    }

    public static String mqttUrl() {
        return env("INGEST_TEST_MQTT_URL", "tcp://127.0.0.1:1883");
    }

    /** Creates an empty database named after {@code prefix} and returns its JDBC URL. */
    public static String freshDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminJdbcUrl(), user(), password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return adminJdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
