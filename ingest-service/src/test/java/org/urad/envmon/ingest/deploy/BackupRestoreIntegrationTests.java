package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.importer.ImportCommand;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the stack's backup and restore scripts ({@code ingest-service/deploy/backup/}) on the real PostgreSQL:
 * a database filled through the importer is backed up by {@code backup.sh once}, restored by {@code restore.sh}
 * into a fresh database, and the restored database gives the same extract files, byte for byte, a control-well
 * margin on a rounding boundary included.
 */
class BackupRestoreIntegrationTests {

    @TempDir
    Path work;

    @Test
    void aRestoredBackupGivesByteIdenticalExtracts() throws Exception {
        assumeTrue(
                ComposeFileTests.onPath("pg_dump").isPresent()
                        && ComposeFileTests.onPath("pg_restore").isPresent()
                        && ComposeFileTests.onPath("psql").isPresent(),
                "pg_dump, pg_restore and psql are not installed: not checked");
        Map<String, byte[]> before;
        Path dump;
        try (MigratedDatabase original = MigratedDatabase.create("backup")) {
            // GIVEN a database filled through the importer
            JdbcTemplate jdbc = new JdbcTemplate(original.dataSource());
            WellHistory.registry(jdbc);
            Path csv = work.resolve("history.csv");
            Files.write(csv, WellHistory.csv());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int status = ImportCommand.run(
                    new String[] {
                        "import",
                        csv.toString(),
                        "--spring.datasource.url=" + original.url(),
                        "--spring.datasource.username=" + TestServices.user(),
                        "--spring.datasource.password=" + TestServices.password()
                    },
                    new PrintStream(printed, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(status).as(printed.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM well_reading", Long.class))
                    .isEqualTo(4L * 731);
            before = WellHistory.extracts(original.dataSource());

            // WHEN the backup service's script backs it up
            Path backups = work.resolve("backups");
            run(List.of(script("backup.sh"), "once"), original.url(), Map.of("BACKUP_DIR", backups.toString()));
            try (Stream<Path> files = Files.list(backups)) {
                List<Path> dumps =
                        files.filter(p -> p.toString().endsWith(".dump")).toList();
                assertThat(dumps).hasSize(1);
                dump = dumps.get(0);
            }
            assertThat(backups.resolve(".last-ok")).exists();
        }

        // ... and the restore script restores it into a fresh database
        String fresh = TestServices.freshDatabase("restored");
        String output = run(List.of(script("restore.sh"), dump.toString()), fresh, Map.of());
        assertThat(output).contains("restored");

        // THEN the restored database holds the same rows and gives the same extracts, byte for byte
        try (var pool = MigratedDatabase.pool(fresh)) {
            JdbcTemplate restored = new JdbcTemplate(pool);
            assertThat(restored.queryForObject("SELECT count(*) FROM well_reading", Long.class))
                    .isEqualTo(4L * 731);
            assertThat(restored.queryForObject(
                            "SELECT max(version::int) FROM flyway_schema_history WHERE success", Integer.class))
                    .isPositive();
            Map<String, byte[]> after = WellHistory.extracts(pool);
            assertThat(after.keySet()).isEqualTo(before.keySet());
            for (String file : before.keySet()) {
                assertThat(before.get(file)).as(file).isNotEmpty();
                assertThat(WellHistory.text(after.get(file))).as(file).isEqualTo(WellHistory.text(before.get(file)));
            }
            // including the margin on the rounding boundary, printed the same on both
            assertThat(WellHistory.text(after.get("2025-Q3.csv"))).contains(WellHistory.BOUNDARY_SENTENCE);
            // and a restored database refuses a second restore on top of it
            String again = runExpectingFailure(List.of(script("restore.sh"), dump.toString()), fresh);
            assertThat(again).contains("not empty");
        }
    }

    private static String script(String name) {
        return RepositoryFiles.resolve("ingest-service/deploy/backup/" + name).toString();
    }

    private static String run(List<String> command, String jdbcUrl, Map<String, String> env) throws Exception {
        Process p = start(command, jdbcUrl, env);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String runExpectingFailure(List<String> command, String jdbcUrl) throws Exception {
        Process p = start(command, jdbcUrl, Map.of());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        return out;
    }

    /** Runs a script with the libpq variables naming the database of {@code jdbcUrl}. */
    private static Process start(List<String> command, String jdbcUrl, Map<String, String> env) throws Exception {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGHOST", uri.getHost());
        pb.environment().put("PGPORT", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
        pb.environment().put("PGUSER", TestServices.user());
        pb.environment().put("PGPASSWORD", TestServices.password());
        pb.environment().put("PGDATABASE", uri.getPath().substring(1));
        pb.environment().putAll(env);
        return pb.start();
    }
}
