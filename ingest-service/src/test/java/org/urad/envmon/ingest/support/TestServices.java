package org.urad.envmon.ingest.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Where integration tests find PostgreSQL and an MQTT broker: the servers the environment names
 * ({@code INGEST_TEST_JDBC_URL}, {@code INGEST_TEST_MQTT_URL}), else embedded ones started once per test JVM
 * (PostgreSQL: zonky, also as root; broker: see {@link TestBroker#create()}).
 */
public final class TestServices {

    private static TestBroker sharedBroker;

    private TestServices() {}

    /** A JDBC URL of the server's maintenance database, for creating test databases. */
    public static String adminJdbcUrl() {
        String configured = System.getenv("INGEST_TEST_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return TestPostgres.server().jdbcUrl("postgres");
    }

    public static String user() {
        return env("INGEST_TEST_JDBC_USER", "postgres");
    }

    public static String password() {
        return env("INGEST_TEST_JDBC_PASSWORD", "");
    }

    /** The URL of a broker shared by the tests of this JVM; tests that stop or restart one use {@link TestBroker}. */
    public static String mqttUrl() {
        return sharedBroker().url();
    }

    private static synchronized TestBroker sharedBroker() {
        if (sharedBroker == null) {
            sharedBroker = TestBroker.create();
            Runtime.getRuntime().addShutdownHook(new Thread(sharedBroker::close, "test-broker-stop"));
        }
        return sharedBroker;
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
        CREATED.add(name);
        return adminJdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    private static final java.util.Set<String> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        // The test JVM drops what it created, so that repeated runs against a shared server leave nothing.
        Runtime.getRuntime().addShutdownHook(new Thread(TestServices::dropCreated, "drop-test-databases"));
    }

    private static void dropCreated() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminJdbcUrl(), user(), password());
                Statement s = c.createStatement()) {
            for (String name : CREATED) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException | RuntimeException e) {
            System.err.println("Test databases not dropped: " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
