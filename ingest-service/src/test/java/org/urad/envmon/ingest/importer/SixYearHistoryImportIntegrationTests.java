package org.urad.envmon.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.extract.ExtractProperties;
import org.urad.envmon.ingest.extract.ExtractReport;
import org.urad.envmon.ingest.extract.Extractor;
import org.urad.envmon.ingest.extract.Indicator;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the bureau's first day: ten wells' daily levels for 2020–2025 in one CSV, loaded with one
 * command, and right after it the extracts and the alert list say what the data say for every quarter,
 * with no stale alert open.
 *
 * <p>The zone level is constant within each quarter (so every way of averaging agrees) and shaped like the
 * rectification report: four quarters of decline in a row in 2021, year-on-year declines over 0.5 m from
 * 2022 Q3 to 2023 Q2, two control wells 5.2 m and 5.16 m below their control levels in 2023 Q2, stable
 * within ±0.5 m of the year before from April 2024. The expected verdicts are computed here from that table.
 */
class SixYearHistoryImportIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String ZONE = "Z1";
    private static final double[] LEVELS = {
        1030.0, 1030.0, 1030.0, 1030.0, // 2020
        1029.9, 1029.8, 1029.7, 1029.6, // 2021: declines four quarters in a row
        1029.65, 1029.7, 1029.1, 1029.0, // 2022: Q3, Q4 more than 0.5 m below a year before
        1029.0, 1029.1, 1029.2, 1029.1, // 2023: Q1, Q2 too
        1028.4, 1029.3, 1029.0, 1029.2, // 2024: stable from April
        1028.6, 1029.1, 1029.2, 1029.0 // 2025
    };
    private static final double YOY_LIMIT = 0.5;
    private static final int RUN_LIMIT = 4;

    private MigratedDatabase database;
    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        database = MigratedDatabase.create("history_import");
        jdbc = new JdbcTemplate(database.dataSource());
        jdbc.update("INSERT INTO zone (id, name) VALUES (?, '超采区')", ZONE);
        jdbc.update("INSERT INTO village (id, name, zone_id) VALUES ('V1', '一村', ?)", ZONE);
        for (String well : wells()) {
            jdbc.update(
                    "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'well', ?, '1 day')",
                    well,
                    well + "井");
            boolean control = well.startsWith("CW");
            jdbc.update(
                    // every well is a zone monitoring well (the control wells are monitoring|control)
                    "INSERT INTO well VALUES (?, 'V1', ?, 30000, 'radar', ?, ?, true)",
                    well,
                    ZONE,
                    control,
                    control ? level(YearMonth.of(2023, 4)) + (well.equals("CW1") ? 5.2 : 5.16) : null);
        }
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void sixYearsOfTenWellsLoadedWithOneCommandAreJudgedForEveryQuarter(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("history.csv");
        Files.write(csv, csv());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ImportCommand.run(
                new String[] {
                    "import",
                    csv.toString(),
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + TestServices.user(),
                    "--spring.datasource.password=" + TestServices.password(),
                    "--user=loader"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        long days = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2020, 1, 1), LocalDate.of(2026, 1, 1));
        assertThat(printed).contains((days * 10) + " stored");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM well_reading", Long.class))
                .isEqualTo(days * 10L);
        assertThat(jdbc.queryForObject("SELECT actor || ' ' || action || ' ' || target FROM audit_log", String.class))
                .isEqualTo("loader readings.import import/history.csv");
        // nothing left marked: every window the import touched is judged
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rule_window_run WHERE dirty", Long.class))
                .isZero();

        Extractor extractor = new Extractor(database.dataSource(), ExtractProperties.defaults(), Clock.systemUTC());
        for (YearMonth q = YearMonth.of(2020, 1); q.isBefore(YearMonth.of(2026, 1)); q = q.plusMonths(3)) {
            String label = q.getYear() + "-Q" + ((q.getMonthValue() - 1) / 3 + 1);
            ExtractReport report = extractor.extract(ReportPeriod.parse(label));
            assertThat(indicator(report, "gw_quarter_mean_level", ZONE + " " + label)
                            .value())
                    .as("mean level %s", label)
                    .isCloseTo(level(q), within(1e-6));
            if (q.getYear() > 2020) {
                assertThat(indicator(report, "gw_quarter_yoy_change", ZONE + " " + label)
                                .value())
                        .as("year-on-year change %s", label)
                        .isCloseTo(level(q) - level(q.minusYears(1)), within(1e-6));
            }
            assertThat(indicator(report, "gw_stable_months", ZONE).value())
                    .as("stable months at the end of %s", label)
                    .isEqualTo((double) stableRun(q.plusMonths(2)));
            assertJudged(q, label);
        }
        assertThat(stableRun(YearMonth.of(2025, 10))).isEqualTo(19);
        // the control wells' 2023 Q2 breaches, kept as (resolved) alerts with their depth below control level
        assertThat(margins("CW1", YearMonth.of(2023, 4)))
                .anySatisfy(m -> assertThat(m).isCloseTo(5.2, within(1e-6)));
        assertThat(margins("CW2", YearMonth.of(2023, 4)))
                .anySatisfy(m -> assertThat(m).isCloseTo(5.16, within(1e-6)));
        // no stale alert: the latest quarter is good for every rule and subject, so nothing is open
        assertThat(jdbc.queryForList(
                        "SELECT rule_id || ' ' || subject_id || ' ' || period_end FROM alert WHERE state <> 'resolved'",
                        String.class))
                .isEmpty();
    }

    /**
     * Quarter {@code q}'s zone verdicts are in the alert list: a year-on-year breach is covered by exactly one
     * alert and a good quarter by none (resolve_after 2 closes each run before the next); a decline run at
     * the warning or breach length is covered by an alert.
     */
    private void assertJudged(YearMonth q, String label) {
        Instant start = q.atDay(1).atStartOfDay(SHANGHAI).toInstant();
        Instant end = q.plusMonths(3).atDay(1).atStartOfDay(SHANGHAI).toInstant();
        boolean yoyBreach = q.getYear() > 2020 && level(q.minusYears(1)) - level(q) > YOY_LIMIT + 1e-6;
        assertThat(covering("GW_YOY_DECLINE", start, end))
                .as("yoy alert covering %s", label)
                .isEqualTo(yoyBreach ? 1 : 0);
        int run = declineRun(q);
        if (run >= RUN_LIMIT - 1) {
            assertThat(covering("GW_CONSECUTIVE_DECLINE", start, end))
                    .as("decline-run alert covering %s (run %d)", label, run)
                    .isEqualTo(1);
        }
    }

    private long covering(String rule, Instant start, Instant end) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM alert WHERE rule_id = ? AND subject_id = ? AND period_start <= ? AND period_end >= ?",
                Long.class,
                rule,
                ZONE,
                java.sql.Timestamp.from(start),
                java.sql.Timestamp.from(end));
    }

    private List<Double> margins(String well, YearMonth quarter) {
        return jdbc.queryForList(
                "SELECT margin FROM alert WHERE rule_id = 'GW_BELOW_CONTROL_LEVEL' AND subject_id = ?"
                        + " AND period_start >= ? AND period_end <= ?",
                Double.class,
                well,
                java.sql.Timestamp.from(quarter.atDay(1).atStartOfDay(SHANGHAI).toInstant()),
                java.sql.Timestamp.from(
                        quarter.plusMonths(3).atDay(1).atStartOfDay(SHANGHAI).toInstant()));
    }

    private static Indicator indicator(ExtractReport report, String key, String subject) {
        return report.indicators().stream()
                .filter(i -> i.key().equals(key) && i.subject().equals(subject))
                .findFirst()
                .orElseThrow(() -> new AssertionError(key + " " + subject + " not in " + report.period()));
    }

    private static List<String> wells() {
        List<String> out = new ArrayList<>(List.of("CW1", "CW2"));
        for (int i = 1; i <= 8; i++) {
            out.add("W0" + i);
        }
        return out;
    }

    static double level(YearMonth month) {
        return LEVELS[(month.getYear() - 2020) * 4 + (month.getMonthValue() - 1) / 3];
    }

    /** A well's level: the zone's, control wells 7 m above it and the others 1.75 m below, all at it in 2023 Q2. */
    private static double wellLevel(String well, YearMonth month) {
        if (month.getYear() == 2023 && (month.getMonthValue() - 1) / 3 == 1) {
            return level(month);
        }
        return level(month) + (well.startsWith("CW") ? 7.0 : -1.75);
    }

    private static int declineRun(YearMonth q) {
        int run = 0;
        for (YearMonth x = q; !x.minusMonths(3).isBefore(YearMonth.of(2020, 1)); x = x.minusMonths(3)) {
            if (level(x) < level(x.minusMonths(3)) - 1e-9) {
                run++;
            } else {
                break;
            }
        }
        return run;
    }

    private static int stableRun(YearMonth asOf) {
        int run = 0;
        for (YearMonth m = asOf; !m.minusYears(1).isBefore(YearMonth.of(2020, 1)); m = m.minusMonths(1)) {
            if (Math.abs(level(m) - level(m.minusYears(1))) <= YOY_LIMIT + 1e-6) {
                run++;
            } else {
                break;
            }
        }
        return run;
    }

    /** UTF-8 with a byte-order mark, as Excel saves "CSV UTF-8"; local times; rows by day, then well. */
    private static byte[] csv() {
        StringBuilder s = new StringBuilder("\uFEFFdevice_id,parameter,time,value,unit\r\n");
        for (LocalDate d = LocalDate.of(2020, 1, 1); d.isBefore(LocalDate.of(2026, 1, 1)); d = d.plusDays(1)) {
            for (String well : wells()) {
                s.append(well)
                        .append(",gw_level,")
                        .append(d)
                        .append(" 08:00,")
                        .append(String.format(java.util.Locale.ROOT, "%.3f", wellLevel(well, YearMonth.from(d))))
                        .append(",m\r\n");
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
