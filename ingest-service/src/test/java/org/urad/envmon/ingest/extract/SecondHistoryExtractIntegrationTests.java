package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.urad.envmon.ingest.support.MigratedDatabase;

/** The same indicators over a history with other numbers: stable only since November 2024, wells above control. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondHistoryExtractIntegrationTests {

    private final History history = new History("海流图超采区", 980, 0.12, YearMonth.of(2024, 11), -1.3, 0.7, 2.5);
    private final List<History.Raw> raw = new ArrayList<>();
    private MigratedDatabase database;
    private Extractor extractor;

    @BeforeAll
    void setUp() throws Exception {
        database = MigratedDatabase.create("extract");
        raw.addAll(history.groundwater());
        raw.addAll(history.meters());
        LocalDate q2 = LocalDate.of(2023, 4, 1);
        history.insertRegistry(
                database.dataSource(),
                Expected.wellMean(raw, "CW1", ReportPeriod::quarterStart, q2).getAsDouble() - 1.3,
                Expected.wellMean(raw, "CW2", ReportPeriod::quarterStart, q2).getAsDouble() + 0.7);
        History.insert(database.dataSource(), raw);
        extractor = new Extractor(
                database.dataSource(),
                ExtractProperties.defaults(),
                Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    void tearDown() {
        database.close();
    }

    @Test
    void stableRunAndQuarterlyLevelsMatchTheReadings() {
        ExtractReport report = extractor.extract(ReportPeriod.parse("2025-Q4"));
        int expected = Expected.stableRun(raw, YearMonth.of(2025, 12));
        // no data for November and December 2025: the run is broken at the period end
        assertThat(expected).isZero();
        assertThat(Expected.one(report, "gw_stable_months", "Z1").value()).isEqualTo((double) expected);

        ExtractReport october = extractor.extract(ReportPeriod.parse("2025-10"));
        int run = Expected.stableRun(raw, YearMonth.of(2025, 10));
        assertThat(run).isEqualTo(12);
        Indicator stable = Expected.one(october, "gw_stable_months", "Z1");
        assertThat(stable.value()).isEqualTo((double) run);
        assertThat(stable.sentence()).isEqualTo("自2024年11月起，海流图超采区地下水水位已连续12个月进入稳定区间。");

        ExtractReport year = extractor.extract(ReportPeriod.parse("2024"));
        for (int q = 1; q <= 4; q++) {
            LocalDate start = LocalDate.of(2024, 3 * q - 2, 1);
            Indicator yoy = Expected.one(year, "gw_quarter_yoy_change", "Z1 2024-Q" + q);
            assertThat(yoy.value())
                    .isCloseTo(
                            Expected.quarterMean(raw, start) - Expected.quarterMean(raw, start.minusYears(1)),
                            within(1e-9));
        }
    }

    @Test
    void controlWellsAboveAndBelowTheirLevels() {
        ExtractReport report = extractor.extract(ReportPeriod.parse("2023-Q2"));
        assertThat(Expected.one(report, "gw_below_control_level", "CW1").value())
                .isCloseTo(-1.3, within(1e-9));
        assertThat(Expected.one(report, "gw_below_control_level", "CW1").met()).isTrue();
        assertThat(Expected.one(report, "gw_below_control_level", "CW2").value())
                .isCloseTo(0.7, within(1e-9));
        assertThat(Expected.one(report, "gw_control_wells_below", "banner").value())
                .isEqualTo(1.0);
    }

    @Test
    void monthlyVolumesAndQuotaOverAMonth() {
        ReportPeriod august = ReportPeriod.parse("2025-08");
        ExtractReport report = extractor.extract(august);
        Instant jan1 = History.local(2025, 1, 1, 0, 0);
        double zone = 0;
        for (String w : History.METERED_WELLS) {
            assertThat(Expected.one(report, "well_volume_period", w).value())
                    .isCloseTo(Expected.volume(raw, w, august.startInstant(), august.endInstant()), within(1e-6));
            double ytd = Expected.volume(raw, w, jan1, august.endInstant());
            zone += ytd;
            assertThat(Expected.one(report, "well_volume_ytd", w).met()).isEqualTo(ytd <= history.wellAllocation(w));
        }
        Indicator z = Expected.one(report, "zone_volume_ytd", "Z1");
        assertThat(z.value()).isCloseTo(zone, within(1e-6));
        assertThat(z.met()).isEqualTo(zone <= 50000 * 2.5);
    }
}
