package org.urad.envmon.ingest.config.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL the service starts with no datasource configured: it starts whoever runs the JVM
 * (root included), keeps its data across restarts, and {@code ingest.embedded.reset} wipes it.
 */
class EmbeddedPostgresServerIntegrationTests {

    private Path dir;

    @BeforeEach
    void createDirectory() throws IOException {
        // Directly under the temporary directory: as root, the database user must be able to reach it.
        dir = Files.createTempDirectory("ingest-embedded-pg");
    }

    @AfterEach
    void removeDirectory() {
        UnprivilegedPostgresBinaries.deleteTree(dir);
    }

    @Test
    void keepsDataAcrossRestart() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, 0, "ingest", Map.of())) {
            execute(server.jdbcUrl(), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, 0, "ingest", Map.of())) {
            assertThat(queryString(server.jdbcUrl(), "SELECT v FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void resetWipesTheData() throws Exception {
        EmbeddedSettings keep = new EmbeddedSettings(true, dir, false, 0, "ingest", 0, "127.0.0.1");
        EmbeddedServices services = EmbeddedServices.acquire(keep, true, false);
        execute(services.postgres().orElseThrow().jdbcUrl(), "CREATE TABLE gone (v text)");
        EmbeddedServices.release();

        EmbeddedSettings reset = new EmbeddedSettings(true, dir, true, 0, "ingest", 0, "127.0.0.1");
        services = EmbeddedServices.acquire(reset, true, false);
        try {
            assertThat(queryString(
                            services.postgres().orElseThrow().jdbcUrl(),
                            "SELECT count(*)::text FROM pg_tables WHERE tablename = 'gone'"))
                    .isEqualTo("0");
        } finally {
            EmbeddedServices.release();
        }
    }

    /**
     * Verifies that, as root, PostgreSQL also starts where the kernel refuses user namespaces (Docker's default
     * seccomp profile): a JVM whose {@code unshare} fails runs it as {@code nobody}.
     */
    @Test
    void startsAsRootWithoutUserNamespaces() throws Exception {
        assumeTrue(OsUser.jvmIsRoot(), "only meaningful as root");
        Path noUnshare = Files.createTempDirectory(dir, "bin");
        Files.writeString(noUnshare.resolve("unshare"), "#!/bin/sh\nexit 1\n");
        noUnshare.resolve("unshare").toFile().setExecutable(true);
        Path data = Files.createTempDirectory("ingest-embedded-pg-nobody");
        try {
            ProcessBuilder child = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            StartPostgresOnce.class.getName(),
                            data.toString()))
                    .redirectErrorStream(true);
            child.environment().put("PATH", noUnshare + ":" + System.getenv("PATH"));
            Process process = child.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();

            assertThat(output).contains("server runs as nobody");
            assertThat(process.exitValue()).isZero();
            assertThat(Files.getOwner(data).getName()).isEqualTo("nobody");
        } finally {
            UnprivilegedPostgresBinaries.deleteTree(data);
        }
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String queryString(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
