package org.urad.envmon.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies that backfill COPYs a week of history into a freshly migrated database. */
class BackfillIntegrationTests {

    @Test
    void writesAWeekOfEveryDevicesReadingsAndCalibrations() throws Exception {
        String url = TestServices.freshDatabase("sim");
        Flyway.configure()
                .dataSource(url, TestServices.user(), TestServices.password())
                .locations("classpath:db/migration")
                .placeholders(Map.of("timescaledb", "auto", "compress_after", "30 days", "raw_retention", "10 years"))
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, TestServices.user(), TestServices.password())) {
            insertRegistry(c);
            Registry registry = JdbcRegistryReader.read(c);
            assertThat(registry.devices()).hasSize(7);
            assertThat(registry.well("well-c1").orElseThrow().controlLevelM()).isEqualTo(TestRegistry.CONTROL_LEVEL);
            assertThat(registry.device("cems-1").orElseThrow().reportingInterval())
                    .isEqualTo(TestRegistry.CEMS_INTERVAL);

            Instant from = SimulatorMain.instant("2024-03-01");
            Instant to = SimulatorMain.instant("2024-03-08");
            Simulation simulation = new Simulation(registry, 1, ScriptedBreaches.none(), Faults.none());
            Backfill.Result result = new Backfill(simulation, c).run(from, to);
            System.out.println(result);

            // 7 days: wells 168 messages (control well 3 readings, others 2); gate 672 x 4. Monitors report what is
            // registered for them: cems-1 only a21026 (1008 x 1, zero and span once a day), wq-1 only w01018
            // (168 x 1); the plant with no registered parameters reports its family's standard seven (168 x 7).
            assertThat(count(c, "well_reading")).isEqualTo(168 * 7);
            assertThat(count(c, "cems_reading")).isEqualTo(1008);
            assertThat(count(c, "water_quality_reading")).isEqualTo(168 + 168 * 7);
            assertThat(count(c, "gate_reading")).isEqualTo(672 * 4);
            assertThat(count(c, "calibration_record")).isEqualTo(7 * 2);
            assertThat(result.readings()).isEqualTo(168 * 7 + 1008 + 168 + 168 * 7 + 672 * 4);
            assertThat(query(c, "SELECT max(seq) FROM cems_reading WHERE device_id = 'cems-1'"))
                    .isEqualTo(1007);
            assertThat(
                            query(
                                    c,
                                    "SELECT count(*) FROM well_reading WHERE ts < '2024-02-29T16:00:00Z' OR ts >= '2024-03-07T16:00:00Z'"))
                    .isZero();
        }
    }

    private static void insertRegistry(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO zone (id, name) VALUES ('z1', 'over-exploitation zone')");
            s.execute("INSERT INTO village (id, name, zone_id) VALUES ('v1', 'village', 'z1')");
            s.execute("INSERT INTO device (id, family, name, reporting_interval) VALUES"
                    + " ('well-c1', 'well', 'c1', '1 hour'), ('well-02', 'well', 'w2', '1 hour'),"
                    + " ('well-03', 'well', 'w3', '1 hour'), ('cems-1', 'cems', 'stack', '10 minutes'),"
                    + " ('wq-1', 'water_quality', 'plant A', '1 hour'), ('wq-2', 'water_quality', 'plant B', '1 hour'),"
                    + " ('gate-1', 'gate', 'gate', '15 minutes')");
            s.execute(
                    "INSERT INTO well (device_id, village_id, zone_id, annual_allocation_m3, meter_type,"
                            + " is_control_well, control_level_m) VALUES ('well-c1', 'v1', 'z1', 40000, 'em', true, 1032.5),"
                            + " ('well-02', 'v1', 'z1', 30000, 'us', false, NULL), ('well-03', 'v1', 'z1', 25000, 'us', false, NULL)");
            s.execute("INSERT INTO monitor (device_id, kind, enterprise, outlet, mn) VALUES"
                    + " ('cems-1', 'cems', 'coke plant', 'stack', 'MN1'), ('wq-1', 'water_quality', 'plant A', 'out', 'MN2'),"
                    + " ('wq-2', 'water_quality', 'plant B', 'out', 'MN3')");
            s.execute("INSERT INTO monitor_parameter (device_id, parameter, unit, range_min, range_max, limit_value)"
                    + " VALUES ('cems-1', 'a21026', 'mg/m3', 0, 200, 35), ('wq-1', 'w01018', 'mg/L', 0, 200, 50)");
            s.execute("INSERT INTO gate (device_id, canal, section_class) VALUES ('gate-1', 'canal', 'state_managed')");
        }
    }

    private static long count(Connection c, String table) throws Exception {
        return query(c, "SELECT count(*) FROM " + table);
    }

    private static long query(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
