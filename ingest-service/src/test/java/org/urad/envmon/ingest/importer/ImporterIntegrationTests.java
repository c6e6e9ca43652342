package org.urad.envmon.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.normalise.NormaliseSettings;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.store.BatchWriter;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.SyntheticRegistry;

/**
 * Verifies that an import written by several writers stores what one writer in file order would: every row
 * once, a value given again with another figure kept as a revision of the first, an exact repeat counted as
 * a duplicate, and each device's readings handed to the point rules in the file's order.
 */
class ImporterIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int WELLS = 41;
    private static final int DAYS = 600;
    private static final LocalDate FIRST = LocalDate.of(2021, 1, 1);

    private MigratedDatabase database;
    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        database = MigratedDatabase.create("importer");
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void rowsSpreadOverWritersAreStoredAsOneWriterInFileOrderWouldStoreThem() throws Exception {
        List<ImportRow> rows = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            for (int w = 1; w <= WELLS; w++) {
                rows.add(row(rows.size() + 2, w, d, value(w, d)));
            }
        }
        for (int w = 1; w <= 10; w++) {
            rows.add(row(rows.size() + 2, w, 0, value(w, 0) + 1)); // the same day again, another figure
        }
        rows.add(row(rows.size() + 2, 2, 1, value(2, 1))); // an exact repeat
        Map<String, List<Instant>> handedOff = new HashMap<>();
        RegistrySnapshot registry = SyntheticRegistry.create(WELLS, 0);
        Importer importer = new Importer(
                new BatchWriter(database.dataSource()),
                new Normaliser(
                        new NormaliseSettings(Duration.ofMinutes(10), Duration.ofDays(400), false).withoutAgeLimit()),
                () -> registry,
                fresh -> {
                    for (Outcome o : fresh) {
                        for (Reading r : o.readings()) {
                            handedOff
                                    .computeIfAbsent(r.deviceId(), k -> new ArrayList<>())
                                    .add(r.time());
                        }
                    }
                },
                SHANGHAI,
                Clock.systemUTC());

        Iterator<ImportRow> it = rows.iterator();
        ImportReport report = importer.run("test.csv", it, rows.size(), false, Importer.Progress.NONE);

        assertThat(report.rows()).isEqualTo(rows.size());
        assertThat(report.stored()).isEqualTo((long) WELLS * DAYS);
        assertThat(report.revised()).isEqualTo(10);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.refused()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM well_reading", Long.class))
                .isEqualTo((long) WELLS * DAYS);
        assertThat(jdbc.queryForObject(
                        "SELECT value FROM well_reading WHERE device_id = ? AND ts = ?",
                        Double.class,
                        SyntheticRegistry.well(3),
                        java.sql.Timestamp.from(time(0))))
                .as("the first figure stays the reading")
                .isEqualTo(value(3, 0));
        assertThat(jdbc.queryForList(
                        "SELECT value FROM reading_revision WHERE device_id = ? ORDER BY value",
                        Double.class,
                        SyntheticRegistry.well(3)))
                .as("the second is kept as its revision")
                .containsExactly(value(3, 0) + 1);
        assertThat(handedOff).hasSize(WELLS);
        for (Map.Entry<String, List<Instant>> e : handedOff.entrySet()) {
            assertThat(e.getValue())
                    .as("readings of %s handed to the point rules once each, in file order", e.getKey())
                    .hasSize(DAYS)
                    .isSorted()
                    .doesNotHaveDuplicates();
        }
    }

    private static double value(int well, int day) {
        return 10 + well + day * 0.001;
    }

    private static Instant time(int day) {
        return FIRST.plusDays(day).atTime(8, 0).atZone(SHANGHAI).toInstant();
    }

    private static ImportRow row(long number, int well, int day, double value) {
        return new ImportRow(
                number,
                SyntheticRegistry.well(well),
                "flow",
                FIRST.plusDays(day) + " 08:00",
                String.format(Locale.ROOT, "%.3f", value),
                "m3/h",
                null,
                null,
                null);
    }
}
