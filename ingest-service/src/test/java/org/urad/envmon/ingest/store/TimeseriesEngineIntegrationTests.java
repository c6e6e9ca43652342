package org.urad.envmon.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the storage-engine choice of the migrations: plain PostgreSQL when TimescaleDB is not
 * loadable (with the same read surface), a clear refusal when it is required but absent, and —
 * where a TimescaleDB server is named by {@code INGEST_TEST_TIMESCALEDB_URL} — hypertables and
 * continuous aggregates answering the same queries.
 */
class TimeseriesEngineIntegrationTests {

    private static final String FIXTURE =
            "INSERT INTO well_reading (device_id, parameter, ts, value, flag, valid) VALUES"
                    + " ('W1', 'gw_level', '2025-03-31 10:00+08', 1030.0, 'N', true),"
                    + " ('W1', 'gw_level', '2025-03-31 23:30+08', 1031.0, 'N', true),"
                    + " ('W1', 'gw_level', '2025-03-31 23:40+08', 999.0, 'D', false),"
                    + " ('W1', 'gw_level', '2025-04-01 00:30+08', 1032.0, 'N', true)";
    private static final String DAILY = "SELECT bucket || ' ' || n || ' ' || n_valid || ' ' || avg_value || ' '"
            + " || first_value || ' ' || last_value FROM well_reading_daily ORDER BY bucket";

    @Test
    void fallsBackToPlainPostgresqlWithTheSameReadSurface() throws Exception {
        try (MigratedDatabase database = MigratedDatabase.create("engine")) {
            Db db = new Db(database.dataSource());
            assumeTrue(
                    timescaledbNotLoaded(db),
                    "this server loads TimescaleDB; the plain path is checked where it does not");
            assertThat(db.strings("SELECT storage_engine_name()")).containsExactly("postgresql");
            execute(database.dataSource(), FIXTURE);

            assertThat(db.strings(DAILY))
                    .containsExactly(
                            "2025-03-30 16:00:00+00 3 2 1030.5 1030 1031", "2025-03-31 16:00:00+00 1 1 1032 1032 1032");
            assertThat(db.strings(
                            "SELECT time_bucket('3 months', ts, 'Asia/Shanghai')::text FROM well_reading ORDER BY ts"))
                    .containsExactly(
                            "2024-12-31 16:00:00+00",
                            "2024-12-31 16:00:00+00",
                            "2024-12-31 16:00:00+00",
                            "2025-03-31 16:00:00+00");
        }
    }

    @Test
    void refusesToMigrateWhenTimescaledbIsRequiredButAbsent() {
        String url = TestServices.freshDatabase("engine_required");
        try (HikariDataSource probe = MigratedDatabase.pool(url)) {
            assumeTrue(timescaledbNotLoaded(new Db(probe)));
        }
        Map<String, String> placeholders = new HashMap<>(MigratedDatabase.PLACEHOLDERS);
        placeholders.put("timescaledb", "required");

        assertThatThrownBy(() -> Flyway.configure()
                        .dataSource(url, TestServices.user(), TestServices.password())
                        .locations("classpath:db/migration")
                        .placeholders(placeholders)
                        .load()
                        .migrate())
                .hasStackTraceContaining("TimescaleDB is required");
    }

    @Test
    void usesHypertablesAndContinuousAggregatesWhereTimescaledbIsLoaded() throws Exception {
        String server = System.getenv("INGEST_TEST_TIMESCALEDB_URL");
        assumeTrue(server != null && !server.isBlank(), "INGEST_TEST_TIMESCALEDB_URL names no TimescaleDB server");
        String name = "engine_tsdb_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(server, TestServices.user(), TestServices.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = server.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        try {
            migrateAndCheck(url);
        } finally {
            try (Connection c = DriverManager.getConnection(server, TestServices.user(), TestServices.password());
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private static void migrateAndCheck(String url) throws Exception {
        MigratedDatabase.migrate(url);
        try (HikariDataSource ds = MigratedDatabase.pool(url)) {
            Db db = new Db(ds);
            assertThat(db.strings("SELECT storage_engine_name()")).containsExactly("timescaledb");
            assertThat(db.count("SELECT count(*) FROM timescaledb_information.hypertables"))
                    .isEqualTo(4);
            assertThat(db.count("SELECT count(*) FROM timescaledb_information.continuous_aggregates"))
                    .isEqualTo(8);
            execute(ds, FIXTURE);
            execute(ds, "CALL refresh_continuous_aggregate('well_reading_daily', NULL, NULL)");

            assertThat(db.strings(DAILY))
                    .containsExactly(
                            "2025-03-30 16:00:00+00 3 2 1030.5 1030 1031", "2025-03-31 16:00:00+00 1 1 1032 1032 1032");
        }
    }

    /**
     * Whether the server cannot load TimescaleDB: the extension may be installed, but without the library in
     * {@code shared_preload_libraries} (its settings are then unknown) V3 takes the plain path.
     */
    private static boolean timescaledbNotLoaded(Db db) {
        return db.strings("SELECT name FROM pg_settings WHERE name = 'timescaledb.max_background_workers'")
                .isEmpty();
    }

    private static void execute(javax.sql.DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
