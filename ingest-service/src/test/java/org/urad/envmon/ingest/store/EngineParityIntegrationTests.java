package org.urad.envmon.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.SqlScript;
import org.urad.envmon.ingest.support.TimescaleServer;

/**
 * Verifies that every aggregate answers what the raw rows say — with data materialised, then late
 * data inside and beyond the refresh window, into compressed chunks, ending on local midnight — by
 * running {@code schema/checks/engine-parity.sql}, which stops with an error on any difference: on the
 * test database (plain PostgreSQL in CI) and on the TimescaleDB server of
 * {@code INGEST_TEST_TIMESCALEDB_URL}.
 */
class EngineParityIntegrationTests {

    private static final Path CHECK = Path.of("schema", "checks", "engine-parity.sql");

    @Test
    void aggregatesMatchTheRawDataOnTheTestDatabase() throws Exception {
        try (MigratedDatabase database = MigratedDatabase.create("parity")) {
            runCheck(database.dataSource());
            assertFixtureMaterialised(database.dataSource());
        }
    }

    @Test
    void aggregatesMatchTheRawDataOnTimescaledb() throws Exception {
        assumeTrue(TimescaleServer.url().isPresent(), "INGEST_TEST_TIMESCALEDB_URL names no TimescaleDB server");
        try (TimescaleServer.Database database = TimescaleServer.migratedDatabase("parity_tsdb");
                HikariDataSource ds = MigratedDatabase.pool(database.url())) {
            assertThat(new Db(ds).strings("SELECT storage_engine_name()")).containsExactly("timescaledb");
            runCheck(ds);
            assertFixtureMaterialised(ds);
            assertThat(new Db(ds).count("SELECT count(*) FROM timescaledb_information.chunks WHERE is_compressed"))
                    .isPositive();
        }
    }

    @Test
    void theCheckFailsWhenAnAggregateDiffersFromTheRawData() throws Exception {
        // GIVEN a database whose daily aggregate is wrong for one bucket (made so by hand)
        try (MigratedDatabase database = MigratedDatabase.create("parity_broken")) {
            Db db = new Db(database.dataSource());
            assumeTrue(db.strings("SELECT storage_engine_name()").equals(List.of("postgresql")));
            List<String> statements = statements();
            int checks = statements.indexOf(statements.stream()
                    .filter(s -> s.contains("$materialised$"))
                    .findFirst()
                    .orElseThrow());
            try (Connection c = database.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                for (String sql : statements.subList(0, checks)) {
                    s.execute(sql);
                }
                s.execute("UPDATE well_reading_daily_rollup SET n = n + 1"
                        + " WHERE bucket = (SELECT min(bucket) FROM well_reading_daily_rollup)");

                // WHEN the checks run, THEN they name the aggregate that differs
                assertThatThrownBy(() -> {
                            for (String sql : statements.subList(checks, statements.size())) {
                                s.execute(sql);
                            }
                        })
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("aggregates differ from the raw data")
                        .hasMessageContaining("well_reading_daily: 1 raw rows not in the aggregate, 1 aggregate rows");
            }
        }
    }

    private static void runCheck(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements()) {
                s.execute(sql);
            }
        }
    }

    /** The late rows lie in buckets the aggregates have materialised, so the check read materialised rows. */
    private static void assertFixtureMaterialised(DataSource ds) {
        Db db = new Db(ds);
        assertThat(db.count("SELECT count(*) FROM aggregate_watermarks()"
                        + " WHERE aggregate LIKE 'well_reading_%' AND watermark > now() - interval '3 days'"))
                .isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM well_reading WHERE device_id = 'W-0003'"))
                .isGreaterThan(2000);
    }

    private static List<String> statements() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(CHECK))) {
                return SqlScript.statements(Files.readString(p.resolve(CHECK)));
            }
        }
        throw new IllegalStateException(CHECK + " not found above " + dir);
    }
}
