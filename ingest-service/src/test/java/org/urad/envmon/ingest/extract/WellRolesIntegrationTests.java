package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.urad.envmon.ingest.registry.RegistryData;
import org.urad.envmon.ingest.registry.RegistryRepository;
import org.urad.envmon.ingest.registry.RegistrySeedLoader;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.rules.GroundwaterData;
import org.urad.envmon.ingest.rules.GroundwaterQuarters;
import org.urad.envmon.ingest.rules.QuarterClock;
import org.urad.envmon.ingest.rules.Rule;
import org.urad.envmon.ingest.rules.RuleCatalogue;
import org.urad.envmon.ingest.rules.RuleRunner;
import org.urad.envmon.ingest.support.MigratedDatabase;

/**
 * Verifies that zone level indicators read the zone's monitoring wells only: eight monitoring wells
 * (two of them depth-only loggers) and two control wells in one zone, registered through wells.csv,
 * with six years of report-shaped daily levels, give the report's figures in the extract and in the
 * rules alike; a zone without monitoring wells has no zone mean, and says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WellRolesIntegrationTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T00:00:00Z"), ZoneOffset.UTC);
    private static final List<String> ALL_Z1 = List.of("M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "C1", "C2");

    private final List<History.Raw> raw = MonitoringWellHistory.readings();
    private MigratedDatabase database;
    private JdbcTemplate jdbc;
    private Extractor extractor;
    private GroundwaterData data;
    private GroundwaterQuarters quarters;

    @BeforeAll
    void setUp(@TempDir Path seed) throws Exception {
        database = MigratedDatabase.create("roles");
        jdbc = new JdbcTemplate(database.dataSource());
        LocalDate q2 = LocalDate.of(2023, 4, 1);
        double control1 =
                MonitoringWellHistory.wellMean(raw, "C1", q2, q2.plusMonths(3)).getAsDouble() + 5.2;
        double control2 =
                MonitoringWellHistory.wellMean(raw, "C2", q2, q2.plusMonths(3)).getAsDouble() + 5.16;
        MonitoringWellHistory.writeSeed(seed, control1, control2);
        var transactions = new DataSourceTransactionManager(database.dataSource());
        RegistryRepository repository = new RegistryRepository(jdbc, transactions);
        new RegistrySeedLoader(jdbc, transactions, new DefaultResourceLoader(), repository)
                .load(seed.toUri().toString());
        History.insert(database.dataSource(), raw);
        extractor = new Extractor(database.dataSource(), ExtractProperties.defaults(), CLOCK);
        RegistryData reg = repository.read();
        RegistrySnapshot snapshot = new RegistrySnapshot(
                reg.devices(), reg.parameters(), reg.wells(), reg.monitors(), reg.monitorParameters(), reg.gates());
        RuleCatalogue catalogue = new RuleCatalogue(jdbc);
        try (var in = getClass().getResourceAsStream("/rules/rule-set.json")) {
            assertThat(catalogue.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath"))
                    .isNull();
        }
        data = new GroundwaterData(jdbc, QuarterClock.SHANGHAI);
        quarters = new GroundwaterQuarters(
                data, () -> snapshot, catalogue::current, new QuarterClock(QuarterClock.SHANGHAI));
    }

    @AfterAll
    void tearDown() {
        database.close();
    }

    @Test
    void wellsCsvRegistersRolesAndWellheadElevation() {
        Map<String, Object> m7 = jdbc.queryForMap("SELECT * FROM well WHERE device_id = 'M7'");
        assertThat(m7)
                .containsEntry("is_monitoring_well", true)
                .containsEntry("is_abstraction_well", false)
                .containsEntry("is_control_well", false)
                .containsEntry("wellhead_elevation_m", 1050.0);
        Map<String, Object> c2 = jdbc.queryForMap("SELECT * FROM well WHERE device_id = 'C2'");
        assertThat(c2)
                .containsEntry("is_monitoring_well", false)
                .containsEntry("is_abstraction_well", true)
                .containsEntry("is_control_well", true);
        assertThat(jdbc.queryForList("SELECT source FROM well_level_daily WHERE device_id = 'M7' LIMIT 1"))
                .containsExactly(Map.of("source", "gw_depth"));
    }

    @Test
    void stableMonthsAtTheEndOfOctober2025AreNineteenInExtractAndRules() {
        assertThat(MonitoringWellHistory.stableRun(raw, MonitoringWellHistory.MONITORING, YearMonth.of(2025, 10)))
                .isEqualTo(19);
        // the data discriminate: a mean over every well of the zone would not give 19
        assertThat(MonitoringWellHistory.stableRun(raw, ALL_Z1, YearMonth.of(2025, 10)))
                .isNotEqualTo(19);

        Indicator stable = Expected.one(extractor.extract(ReportPeriod.parse("2025-10")), "gw_stable_months", "Z1");
        assertThat(stable.value()).isEqualTo(19.0);
        assertThat(stable.note()).isEqualTo("since 2024-04");
        assertThat(data.stableMonths("Z1", YearMonth.of(2025, 10), 0.5)).isEqualTo(19);
        assertThat(data.stableMonths("Z1", YearMonth.of(2024, 3), 0.5)).isZero();
    }

    @Test
    void tenQuartersFellMoreThanHalfAMetreYearOnYearAnd2023Q2ByOnePointTwo() {
        List<String> breaches = new ArrayList<>();
        for (int year = 2021; year <= 2025; year++) {
            ExtractReport report = extractor.extract(ReportPeriod.parse(String.valueOf(year)));
            for (int q = 1; q <= 4; q++) {
                LocalDate start = LocalDate.of(year, 3 * q - 2, 1);
                if (start.isAfter(LocalDate.of(2025, 10, 1))) {
                    continue;
                }
                Indicator yoy = Expected.one(report, "gw_quarter_yoy_change", "Z1 " + year + "-Q" + q);
                assertThat(yoy.value())
                        .as("%d-Q%d", year, q)
                        .isCloseTo(
                                MonitoringWellHistory.quarterYoy(raw, MonitoringWellHistory.MONITORING, start),
                                within(1e-9));
                if (Boolean.FALSE.equals(yoy.met())) {
                    breaches.add(year + "-Q" + q);
                }
            }
        }
        assertThat(breaches)
                .containsExactly(
                        "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1",
                        "2023-Q2", "2024-Q1");
        Indicator q2 =
                Expected.one(extractor.extract(ReportPeriod.parse("2023-Q2")), "gw_quarter_yoy_change", "Z1 2023-Q2");
        assertThat(q2.value()).isCloseTo(-1.20, within(1e-9));
        assertThat(MonitoringWellHistory.quarterYoy(raw, ALL_Z1, LocalDate.of(2023, 4, 1)))
                .isLessThan(-1.5); // what averaging the control wells in would say
    }

    @Test
    void rulesJudgeTheSameZoneMeanAndTheControlWellsQuarterlyMargins() {
        List<RuleRunner.Judged> judged = quarters.evaluate(YearMonth.of(2023, 4));
        var zoneYoy = judged.stream()
                .map(RuleRunner.Judged::verdict)
                .filter(v -> v.rule() == Rule.GW_YOY_DECLINE && v.subject().id().equals("Z1"))
                .findFirst()
                .orElseThrow();
        assertThat(zoneYoy.observed()).isCloseTo(1.20, within(1e-9));
        assertThat(zoneYoy.isFinding()).isTrue();
        for (var expected : Map.of("C1", 5.2, "C2", 5.16).entrySet()) {
            var below = judged.stream()
                    .map(RuleRunner.Judged::verdict)
                    .filter(v -> v.rule() == Rule.GW_BELOW_CONTROL_LEVEL
                            && v.subject().id().equals(expected.getKey()))
                    .findFirst()
                    .orElseThrow();
            assertThat(below.margin()).isCloseTo(expected.getValue(), within(1e-9));
        }
        ExtractReport report = extractor.extract(ReportPeriod.parse("2023-Q2"));
        assertThat(Expected.one(report, "gw_below_control_level", "C1").value()).isCloseTo(5.2, within(1e-9));
        assertThat(Expected.one(report, "gw_below_control_level", "C2").value()).isCloseTo(5.16, within(1e-9));
    }

    @Test
    void zoneWithoutMonitoringWellsHasNoMeanAndSaysWhy() {
        ExtractReport report = extractor.extract(ReportPeriod.parse("2025-Q3"));
        Indicator mean = Expected.one(report, "gw_quarter_mean_level", "Z2 2025-Q3");
        assertThat(mean.value()).isNull();
        assertThat(mean.note()).contains("no monitoring wells registered in the zone");
        Indicator stable = Expected.one(report, "gw_stable_months", "Z2");
        assertThat(stable.value()).isNull();
        assertThat(stable.note()).isEqualTo("no monitoring wells registered in the zone");
        assertThat(Expected.one(report, "gw_below_control_level", "C3").value()).isNotNull();
        assertThat(quarters.evaluate(YearMonth.of(2025, 7)).stream()
                        .map(RuleRunner.Judged::verdict)
                        .filter(v -> v.subject().id().equals("Z2")))
                .isEmpty();
    }
}
