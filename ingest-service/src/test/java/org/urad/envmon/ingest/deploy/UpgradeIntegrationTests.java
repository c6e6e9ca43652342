package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies an upgrade: a database as the previous release made it (the migrations up to V9, which Flyway's
 * checksums prove unchanged since), holding readings, a quarantined message, an acknowledged alert and a manual
 * indicator, is migrated to the current schema by the service's own migrations; nothing is lost, the new columns
 * are filled, and the extracts are byte for byte those of a database created at the current schema with the same
 * data.
 */
class UpgradeIntegrationTests {

    static final String PREVIOUS_RELEASE = "9";
    private static final String MANUAL = """
            INSERT INTO manual_indicator (key, name_zh, value, unit, source, as_of, entered_by)
            VALUES ('irrigated_area', '灌溉面积', 1234.5, 'mu', 'survey', '2025-06-30', 'bob')""";

    @Test
    void migratesAPreviousReleaseDatabaseWithItsDataToTheCurrentSchema() throws Exception {
        // GIVEN a database at the previous release's schema, with data written as that release wrote it
        String old = TestServices.freshDatabase("upgrade");
        flyway(old)
                .target(MigrationVersion.fromVersion(PREVIOUS_RELEASE))
                .load()
                .migrate();
        try (var pool = MigratedDatabase.pool(old)) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            assertThat(jdbc.queryForObject("SELECT max(version::int) FROM flyway_schema_history", Integer.class))
                    .isEqualTo(9);
            WellHistory.registry(jdbc);
            int readings = WellHistory.readings(jdbc);
            jdbc.update("""
                    INSERT INTO quarantine (topic, device_id, format, reason, detail, payload, payload_sha256,
                                            received_at, last_seen_at)
                    VALUES ('urad/v1/well/W1/json', 'W1', 'json', 'BAD_JSON', 'unexpected end', '\\x7b'::bytea,
                            sha256('\\x7b'::bytea), now(), now())""");
            jdbc.update("""
                    INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, severity, state, message_zh,
                                       message_en, opened_at, last_seen_at, acknowledged_at, acknowledged_by)
                    VALUES ('GW_DECLINE', 'gw', 'zone', ?, 'breach', 'acknowledged', '下降', 'decline',
                            now(), now(), now(), 'alice')""", WellHistory.ZONE);
            jdbc.update(MANUAL);

            // WHEN the current release starts on it (Flyway with the service's migrations)
            flyway(old).load().migrate();

            // THEN the data is there, the new columns are filled, and the schema is the current one
            assertThat(jdbc.queryForObject("SELECT count(*) FROM well_reading", Integer.class))
                    .isEqualTo(readings);
            assertThat(jdbc.queryForObject(
                            "SELECT topic_sha256 = sha256(convert_to(topic, 'UTF8')) FROM quarantine", Boolean.class))
                    .isTrue();
            assertThat(jdbc.queryForMap("SELECT state, acknowledged_by FROM alert"))
                    .containsEntry("state", "acknowledged")
                    .containsEntry("acknowledged_by", "alice");
            assertThat(jdbc.queryForMap("SELECT value, direction FROM manual_indicator"))
                    .containsEntry("value", 1234.5)
                    .containsEntry("direction", "ge");
            try (MigratedDatabase current = MigratedDatabase.create("current")) {
                assertThat(schemaVersion(jdbc)).isEqualTo(schemaVersion(new JdbcTemplate(current.dataSource())));
                assertThat(columns(jdbc)).isEqualTo(columns(new JdbcTemplate(current.dataSource())));

                // ... and the extracts equal those of a database created at the current schema
                JdbcTemplate fresh = new JdbcTemplate(current.dataSource());
                WellHistory.registry(fresh);
                WellHistory.readings(fresh);
                fresh.update(MANUAL);
                Map<String, byte[]> expected = WellHistory.extracts(current.dataSource());
                Map<String, byte[]> upgraded = WellHistory.extracts(pool);
                assertThat(upgraded.keySet()).isEqualTo(expected.keySet());
                for (String file : expected.keySet()) {
                    assertThat(WellHistory.text(upgraded.get(file)))
                            .as(file)
                            .isEqualTo(WellHistory.text(expected.get(file)));
                }
                assertThat(WellHistory.text(upgraded.get("2025-Q3.csv"))).contains(WellHistory.BOUNDARY_SENTENCE);
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure()
                .dataSource(url, TestServices.user(), TestServices.password())
                .locations("classpath:db/migration")
                .placeholders(MigratedDatabase.PLACEHOLDERS);
    }

    private static String schemaVersion(JdbcTemplate jdbc) {
        return jdbc.queryForObject(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1",
                String.class);
    }

    /** Every column of every table and view with its type: the two databases must have the same schema. */
    private static String columns(JdbcTemplate jdbc) {
        return jdbc.queryForObject("""
                SELECT string_agg(table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable, E'\\n'
                                  ORDER BY table_name, column_name)
                FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'""", String.class);
    }
}
