package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.support.MigratedDatabase;

/**
 * Verifies that the indicator definitions sum exactly (V25): a control well's mean level of 12.19, 12.644 and
 * 13.941 m is 12.925 m, a margin of -0.925 m printed 0.93, where a sum of doubles, in whichever order the rows
 * are read, gives 12.924999… and prints 0.92. So a restored database, reading its rows in another order, cannot
 * print another figure.
 */
class ExactSumsIntegrationTests {

    private static final double[] LEVELS = {12.19, 12.644, 13.941};

    @Test
    void controlWellMarginOnARoundingBoundaryIsTheExactMean() throws Exception {
        try (MigratedDatabase database = MigratedDatabase.create("exact")) {
            // GIVEN a control well at control level 12.0 m with three daily levels whose mean is exactly 12.925 m
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            jdbc.update("INSERT INTO zone (id, name) VALUES ('Z', '超采区')");
            jdbc.update("INSERT INTO village (id, name, zone_id) VALUES ('V', '村', 'Z')");
            jdbc.update(
                    "INSERT INTO device (id, family, name, reporting_interval) VALUES ('CW', 'well', '控制井', '1 day')");
            jdbc.update("INSERT INTO well VALUES ('CW', 'V', 'Z', 0, 'radar', true, 12.0)");
            for (int day = 0; day < LEVELS.length; day++) {
                jdbc.update(
                        "INSERT INTO well_reading (device_id, parameter, ts, value) VALUES ('CW', 'gw_level', ?, ?)",
                        Timestamp.from(Instant.parse("2025-07-01T00:00:00Z").plusSeconds(86_400L * day)),
                        LEVELS[day]);
            }
            double exactMean = BigDecimal.valueOf(LEVELS[0])
                    .add(BigDecimal.valueOf(LEVELS[1]))
                    .add(BigDecimal.valueOf(LEVELS[2]))
                    .divide(BigDecimal.valueOf(3), MathContext.DECIMAL64)
                    .doubleValue();
            assertThat(exactMean).isEqualTo(12.925);
            assertThat((LEVELS[0] + LEVELS[1] + LEVELS[2]) / 3).isNotEqualTo(exactMean); // the double sum misses it

            // WHEN the definition and the extract read it
            Double level = jdbc.queryForObject(
                    "SELECT level_m FROM control_well_margin('2025-07-01+08', '2025-08-01+08')", Double.class);
            ExtractReport report = new Extractor(
                            database.dataSource(),
                            ExtractProperties.defaults(),
                            Clock.fixed(Instant.parse("2025-09-01T00:00:00Z"), ZoneOffset.UTC))
                    .extract(ReportPeriod.parse("2025-07"));

            // THEN the mean is the exact one, and the sentence says 0.93
            assertThat(level).isEqualTo(exactMean);
            Indicator margin = Expected.one(report, "gw_below_control_level", "CW");
            assertThat(margin.value()).isEqualTo(12.0 - exactMean);
            assertThat(margin.sentence()).isEqualTo("2025年7月，控制井CW平均水位高于控制水位0.93米，符合管控要求。");
        }
    }
}
