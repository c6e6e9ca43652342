package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.deploy.Dashboards;
import org.urad.envmon.ingest.deploy.GrafanaSql;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.registry.RegistryData;
import org.urad.envmon.ingest.registry.RegistryRepository;
import org.urad.envmon.ingest.registry.RegistrySeedLoader;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.rules.AlertTracker;
import org.urad.envmon.ingest.rules.CommittedBatchRules;
import org.urad.envmon.ingest.rules.GroundwaterData;
import org.urad.envmon.ingest.rules.GroundwaterQuarters;
import org.urad.envmon.ingest.rules.MonitorWindows;
import org.urad.envmon.ingest.rules.PeriodicRules;
import org.urad.envmon.ingest.rules.QuarterClock;
import org.urad.envmon.ingest.rules.Rule;
import org.urad.envmon.ingest.rules.RuleCatalogue;
import org.urad.envmon.ingest.rules.RuleRunner;
import org.urad.envmon.ingest.rules.Verdict;
import org.urad.envmon.ingest.rules.WindowGroup;
import org.urad.envmon.ingest.rules.WindowScheduler;
import org.urad.envmon.ingest.support.MigratedDatabase;

/**
 * Verifies, indicator by indicator, that the rule's evidence, the extract's value and the Grafana
 * panel's result are the same number on one dataset (the report-shaped monitoring-well history):
 * zone quarterly mean and its year-on-year and quarter-on-quarter changes, the stable-month run, the
 * control-well margin, the effective transmission rate (an hourly-only and a daily-only monitor), the
 * water-quality daily mean with values inside an accepted mark, the canal volume of gates in series and the
 * CEMS calibration deviation, a well's, its village's and its zone's (WELL_QUOTA judges zones against their
 * cap) year-to-date abstraction across a meter reset and a meter replacement, silent
 * devices, overdue CEMS comparison monitoring and the share of fault-flagged values (a ten-minute and an hourly-only monitor); and that the extract's verdicts follow the rule set's targets as the rules and
 * panels do. The panels' SQL is taken from dashboards/json and expanded as Grafana would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorAgreementIntegrationTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T00:00:00Z"), ZoneOffset.UTC);
    private static final QuarterClock QUARTERS = new QuarterClock(QuarterClock.SHANGHAI);

    private final List<History.Raw> raw = MonitoringWellHistory.readings();
    private MigratedDatabase database;
    private JdbcTemplate jdbc;
    private Extractor extractor;
    private GroundwaterData data;
    private GroundwaterQuarters rules;
    private RuleCatalogue catalogue;
    private MonitorWindows cemsRules;

    /** The coke-oven stack's local day: SO2 limit 30 mg/m3 at 8 % reference O2, reporting every 5 minutes. */
    private static final LocalDate COKE_DAY = LocalDate.of(2025, 11, 10);

    @BeforeAll
    void setUp(@TempDir Path seed) throws Exception {
        database = MigratedDatabase.create("agreement");
        jdbc = new JdbcTemplate(database.dataSource());
        LocalDate q2 = LocalDate.of(2023, 4, 1);
        MonitoringWellHistory.writeSeed(
                seed,
                MonitoringWellHistory.wellMean(raw, "C1", q2, q2.plusMonths(3)).getAsDouble() + 5.2,
                MonitoringWellHistory.wellMean(raw, "C2", q2, q2.plusMonths(3)).getAsDouble() + 5.16);
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
        assertThat(catalogue.load(shippedRuleSet(), "classpath")).isNull();
        data = new GroundwaterData(jdbc, QuarterClock.SHANGHAI);
        rules = new GroundwaterQuarters(data, () -> snapshot, catalogue::current, QUARTERS);
        this.catalogue = catalogue;
        WaterAndGates.insert(jdbc);
        cemsRules = MonitorWindows.of(jdbc, catalogue::current, QuarterClock.SHANGHAI);
        insertCokeOvenDay();
        insertMarkedPlantDay();
        insertMeterWithReset();
    }

    @AfterAll
    void tearDown() {
        database.close();
    }

    @Test
    void zoneQuarterlyMeanAndChangesAgree() {
        for (YearMonth q : List.of(YearMonth.of(2022, 7), YearMonth.of(2023, 4), YearMonth.of(2024, 1))) {
            String label = q.getYear() + "-Q" + ((q.getMonthValue() - 1) / 3 + 1);
            ExtractReport report = extractor.extract(ReportPeriod.parse(label));
            double extractYoy =
                    Expected.one(report, "gw_quarter_yoy_change", "Z1 " + label).value();
            double extractMean =
                    Expected.one(report, "gw_quarter_mean_level", "Z1 " + label).value();
            Verdict rule = verdict(rules.evaluate(q), Rule.GW_YOY_DECLINE, "Z1");
            Map<String, Object> panel = panelRow(
                    "Zone quarterly mean level, changes and stable months", quarterRange(q), Map.of("quarter", label));

            assertThat(extractYoy).isCloseTo(-(Double) rule.evidence().get("decline_m"), within(1e-9));
            assertThat(extractMean).isCloseTo((Double) rule.evidence().get("mean_m"), within(1e-9));
            assertThat(((Number) panel.get("change")).doubleValue()).isCloseTo(extractYoy, within(1e-9));
            assertThat(((Number) panel.get("mean_level")).doubleValue()).isCloseTo(extractMean, within(1e-9));
            assertThat(((Number) panel.get("yoy_decline_breach")).intValue() == 1)
                    .isEqualTo(rule.isFinding());
            assertThat(Expected.one(report, "gw_quarter_yoy_change", "Z1 " + label)
                            .met())
                    .isEqualTo(!rule.isFinding());
            Verdict run = verdict(rules.evaluate(q), Rule.GW_CONSECUTIVE_DECLINE, "Z1");
            int extractRun =
                    Expected.one(report, "gw_decline_quarters", "Z1").value().intValue();
            assertThat(extractRun).isEqualTo((int) run.evidence().get("declining_quarters"));
            boolean panelDecline = ((Number) panel.get("change_quarter_on_quarter")).doubleValue() < 0;
            assertThat(panelDecline).isEqualTo(extractRun > 0);
        }
    }

    @Test
    void stableMonthRunAgrees() {
        for (YearMonth m : List.of(YearMonth.of(2025, 10), YearMonth.of(2024, 9), YearMonth.of(2024, 3))) {
            Indicator extract =
                    Expected.one(extractor.extract(ReportPeriod.parse(m.toString())), "gw_stable_months", "Z1");
            int rule = data.stableMonths("Z1", m, 0.5);
            GrafanaSql.Range range = new GrafanaSql.Range(
                    QUARTERS.startOfDay(m.atDay(1)),
                    QUARTERS.startOfDay(m.plusMonths(1).atDay(1)).minusSeconds(1),
                    Duration.ofDays(1));
            Map<String, Object> panel =
                    panelRow("Zone quarterly mean level, changes and stable months", range, Map.of());

            assertThat(extract.value()).isEqualTo((double) rule);
            assertThat(((Number) panel.get("stable_months")).intValue()).isEqualTo(rule);
        }
        assertThat(data.stableMonths("Z1", YearMonth.of(2025, 10), 0.5)).isEqualTo(19);
    }

    @Test
    void controlWellMarginAgrees() {
        YearMonth q = YearMonth.of(2023, 4);
        List<RuleRunner.Judged> judged = rules.evaluate(q);
        ExtractReport report = extractor.extract(ReportPeriod.parse("2023-Q2"));
        for (String well : List.of("C1", "C2")) {
            double rule = verdict(judged, Rule.GW_BELOW_CONTROL_LEVEL, well).margin();
            double extract =
                    Expected.one(report, "gw_below_control_level", well).value();
            Map<String, Object> panel = panelRow(
                    "Control wells against their control levels", quarterRange(q), Map.of("well", well + "控制井"));

            assertThat(extract).isCloseTo(rule, within(1e-9));
            assertThat(-((Number) panel.get("margin")).doubleValue()).isCloseTo(rule, within(1e-9));
        }
    }

    @Test
    void transmissionRateOfHourlyOnlyAndDailyOnlyMonitorsAgrees() {
        // GIVEN the closed day judged by the rules as the service does (clock on the next morning)
        Instant nextMorning = WaterAndGates.DAY
                .plusDays(1)
                .atTime(8, 0)
                .atZone(QuarterClock.SHANGHAI)
                .toInstant();
        periodicRules(Clock.fixed(nextMorning, ZoneOffset.UTC)).runWindows();
        ExtractReport report = new Extractor(
                        database.dataSource(), ExtractProperties.defaults(), Clock.fixed(nextMorning, ZoneOffset.UTC))
                .extract(ReportPeriod.parse(WaterAndGates.DAY + ".." + WaterAndGates.DAY));
        GrafanaSql.Range day = new GrafanaSql.Range(
                QUARTERS.startOfDay(WaterAndGates.DAY),
                QUARTERS.startOfDay(WaterAndGates.DAY.plusDays(1)).minusSeconds(1),
                Duration.ofHours(1));
        Map<String, GrafanaSql.Value> monitors =
                Map.of("monitor", new GrafanaSql.Value(List.of(WaterAndGates.HOURLY, WaterAndGates.DAILY), true));

        // THEN the hourly-only monitor: 24 slots less the standard-check hour expected, one missing, one invalid
        Map<String, Object> alert = jdbc.queryForMap(
                "SELECT observed, evidence::text AS evidence FROM alert"
                        + " WHERE rule_id = 'WQ_TRANSMISSION_RATE' AND subject_id = ?",
                WaterAndGates.HOURLY);
        double rule = (Double) alert.get("observed");
        assertThat(rule).isCloseTo(100.0 * 21 / 23, within(1e-9));
        assertThat((String) alert.get("evidence"))
                .contains("\"expected\": 23", "\"received\": 22", "\"valid\": 21", "\"excluded\": 1");
        double extract = Expected.one(report, "wq_effective_transmission_rate", WaterAndGates.HOURLY)
                .value();
        Map<String, Object> daily =
                panelRow("Effective transmission rate per day", day, Map.of("metric", "一时报水质"), monitors);
        Map<String, Object> range =
                panelRow("Effective transmission rate in range", day, Map.of("monitor", "一时报水质"), monitors);
        assertThat(extract).isEqualTo(rule);
        assertThat(((Number) daily.get("value")).doubleValue()).isEqualTo(rule);
        assertThat(((Number) range.get("rate")).doubleValue()).isEqualTo(rule);
        assertThat(((Number) range.get("expected")).longValue()).isEqualTo(23L);

        // ... and the daily-only monitor expects one record a day, not 1440, and is on every chart at 100 %
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM alert WHERE rule_id = 'WQ_TRANSMISSION_RATE' AND subject_id = ?",
                        Long.class,
                        WaterAndGates.DAILY))
                .isZero();
        assertThat(Expected.one(report, "wq_effective_transmission_rate", WaterAndGates.DAILY)
                        .value())
                .isEqualTo(100.0);
        assertThat(((Number) panelRow("Effective transmission rate per day", day, Map.of("metric", "一日报水质"), monitors)
                                .get("value"))
                        .doubleValue())
                .isEqualTo(100.0);
        Map<String, Object> dailyRange =
                panelRow("Effective transmission rate in range", day, Map.of("monitor", "一日报水质"), monitors);
        assertThat(((Number) dailyRange.get("expected")).longValue()).isEqualTo(1L);
    }

    @Test
    void canalVolumeCountsGatesInSeriesOnce() {
        ExtractReport report = extractor.extract(ReportPeriod.parse(WaterAndGates.DAY + ".." + WaterAndGates.DAY));
        GrafanaSql.Range day = new GrafanaSql.Range(
                QUARTERS.startOfDay(WaterAndGates.DAY),
                QUARTERS.startOfDay(WaterAndGates.DAY.plusDays(1)).minusSeconds(1),
                Duration.ofHours(1));
        Map<String, GrafanaSql.Value> canals = Map.of(
                "canal", new GrafanaSql.Value(List.of(WaterAndGates.CANAL), true),
                "section_class", new GrafanaSql.Value(List.of("state_managed", "mass_managed"), true));

        double extract =
                Expected.one(report, "gate_canal_volume", WaterAndGates.CANAL).value();
        Map<String, Object> panel =
                panelRow("Volume in range by canal", day, Map.of("canal", WaterAndGates.CANAL), canals);

        assertThat(extract).isEqualTo(WaterAndGates.INTAKE_VOLUME); // not intake + downstream gate
        assertThat(((Number) panel.get("volume")).doubleValue()).isEqualTo(extract);
        Map<String, Object> daily =
                panelRow("Volume per canal per day", day, Map.of("metric", WaterAndGates.CANAL), canals);
        assertThat(((Number) daily.get("value")).doubleValue()).isEqualTo(extract);
        // the banner's metered use takes the gates' water as the canal counts it, once
        double wells = jdbc.queryForObject(
                "SELECT coalesce(sum(volume_m3), 0) FROM meter_volume('well', ?, ?)",
                Double.class,
                java.sql.Timestamp.from(QUARTERS.startOfDay(WaterAndGates.DAY)),
                java.sql.Timestamp.from(QUARTERS.startOfDay(WaterAndGates.DAY.plusDays(1))));
        assertThat(Expected.one(report, "total_metered_use_period", "banner").value())
                .isCloseTo(wells + WaterAndGates.INTAKE_VOLUME, within(1e-6));
    }

    /** A minute-reporting plant's local day: COD 40 mg/L, and 1000 mg/L from 09:00 to 09:30 inside an accepted mark. */
    private static final LocalDate MARKED_DAY = LocalDate.of(2025, 11, 12);

    private static final String MARKED = "WQ-MARK";

    @Test
    void wqDailyMeanLeavesMarkedValuesOutInRuleExtractAndPanel() {
        // GIVEN 144 ten-minute COD values, three of them (1000 mg/L) inside an accepted maintenance mark
        Instant dayStart = QUARTERS.startOfDay(MARKED_DAY);

        // WHEN the rule judges the closed day, the extract and the panel read the same day
        Verdict rule = cemsRules.waterDay(dayStart, dayStart.plus(Duration.ofDays(2))).stream()
                .map(RuleRunner.Judged::verdict)
                .filter(v ->
                        v.rule() == Rule.WQ_DISCHARGE_LIMIT && v.subject().id().equals(MARKED))
                .findFirst()
                .orElseThrow();
        ExtractReport report = extractor.extract(ReportPeriod.parse(MARKED_DAY + ".." + MARKED_DAY));
        Map<String, Object> panel = panelRow(
                "Days over the discharge limit",
                new GrafanaSql.Range(
                        dayStart, dayStart.plus(Duration.ofDays(1)).minusSeconds(1), Duration.ofMinutes(10)),
                Map.of("monitor", "标记水质"),
                Map.of(
                        "monitor", new GrafanaSql.Value(List.of(MARKED), true),
                        "parameter", new GrafanaSql.Value(List.of("w01018"), true)));

        // THEN the marked values change no daily mean: 40, not the 60 of every value (over the limit of 50)
        double all = jdbc.queryForObject(
                "SELECT avg(value) FROM water_quality_reading WHERE device_id = ? AND valid", Double.class, MARKED);
        assertThat(all).isCloseTo(60.0, within(1e-9));
        assertThat(rule.observed()).isCloseTo(40.0, within(1e-9));
        assertThat(rule.isFinding()).isFalse();
        assertThat(Expected.one(report, "wq_days_above_limit", MARKED).value()).isZero();
        assertThat(((Number) panel.get("highest_daily_mean")).doubleValue()).isCloseTo(rule.observed(), within(1e-9));
        assertThat(((Number) panel.get("days_over")).intValue()).isZero();
    }

    /** The rule set the service ships, as text, for tests that load a changed copy and then restore it. */
    private static String shippedRuleSet() throws java.io.IOException {
        try (var in = IndicatorAgreementIntegrationTests.class.getResourceAsStream("/rules/rule-set.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void extractVerdictsFollowTheRuleSetsTargets() throws Exception {
        String inForce = shippedRuleSet();
        Instant nextMorning = WaterAndGates.DAY
                .plusDays(1)
                .atTime(8, 0)
                .atZone(QuarterClock.SHANGHAI)
                .toInstant();
        Extractor atNextMorning = new Extractor(
                database.dataSource(), ExtractProperties.defaults(), Clock.fixed(nextMorning, ZoneOffset.UTC));
        ReportPeriod day = ReportPeriod.parse(WaterAndGates.DAY + ".." + WaterAndGates.DAY);
        // the quarter whose zone mean fell most year on year
        YearMonth quarter = YearMonth.of(2023, 4);
        double fall = 0;
        for (YearMonth q : List.of(YearMonth.of(2022, 7), YearMonth.of(2023, 4), YearMonth.of(2024, 1))) {
            double yoy = Expected.one(
                            extractor.extract(ReportPeriod.parse(label(q))), "gw_quarter_yoy_change", "Z1 " + label(q))
                    .value();
            if (-yoy > fall) {
                fall = -yoy;
                quarter = q;
            }
        }
        assertThat(fall).as("a zone mean falling year on year").isPositive();
        try {
            // GIVEN the rule set in force (98 %, 0.5 m, 168 h): the hourly-only monitor's 91.3 % and the zone's
            // fall year on year are not met
            Indicator before =
                    Expected.one(atNextMorning.extract(day), "wq_effective_transmission_rate", WaterAndGates.HOURLY);
            assertThat(before.target()).isEqualTo("≥ 98");
            assertThat(before.met()).isFalse();
            Indicator yoyBefore = Expected.one(
                    extractor.extract(ReportPeriod.parse(label(quarter))),
                    "gw_quarter_yoy_change",
                    "Z1 " + label(quarter));
            assertThat(fall).isGreaterThan(0.5);
            assertThat(yoyBefore.met()).isFalse();
            assertThat(((Number) panelRow(
                                            "Zone quarterly mean level, changes and stable months",
                                            quarterRange(quarter),
                                            Map.of("quarter", label(quarter)))
                                    .get("yoy_decline_breach"))
                            .intValue())
                    .isEqualTo(1);

            // WHEN a new rule set lowers the transmission target (written strictly), allows twice the fall and
            // shortens the calibration interval
            assertThat(catalogue.load(
                            inForce.replace("\"target_pct\": 98", "\"target_pct\": \"> 90\"")
                                    .replace("\"decline_m\": 0.5", "\"decline_m\": " + fall * 2)
                                    .replace("\"interval_hours\": 168", "\"interval_hours\": 2"),
                            "test"))
                    .isNull();

            // THEN the extract judges by the new targets, as the rules and the panel do
            ExtractReport after = atNextMorning.extract(day);
            Indicator rate = Expected.one(after, "wq_effective_transmission_rate", WaterAndGates.HOURLY);
            Verdict ruleRate = cemsRules.waterDay(QUARTERS.startOfDay(WaterAndGates.DAY), nextMorning).stream()
                    .map(RuleRunner.Judged::verdict)
                    .filter(v -> v.rule() == Rule.WQ_TRANSMISSION_RATE
                            && v.subject().id().equals(WaterAndGates.HOURLY))
                    .findFirst()
                    .orElseThrow();
            Map<String, Object> panel = panelRow(
                    "Effective transmission rate in range",
                    new GrafanaSql.Range(
                            QUARTERS.startOfDay(WaterAndGates.DAY),
                            QUARTERS.startOfDay(WaterAndGates.DAY.plusDays(1)).minusSeconds(1),
                            Duration.ofHours(1)),
                    Map.of("monitor", "一时报水质"),
                    Map.of("monitor", new GrafanaSql.Value(List.of(WaterAndGates.HOURLY), true)));
            assertThat(rate.target()).isEqualTo("> 90");
            assertThat(rate.met()).isTrue();
            assertThat(rate.sentence()).contains("达到90%").doesNotContain("未达到");
            assertThat(ruleRate.isFinding()).isFalse();
            assertThat(panel.get("met")).isEqualTo(true);
            Indicator gap = Expected.one(after, "wq_max_calibration_gap", WaterAndGates.HOURLY);
            assertThat(gap.target()).isEqualTo("≤ 2");
            assertThat(gap.met()).isFalse();

            Indicator yoy = Expected.one(
                    extractor.extract(ReportPeriod.parse(label(quarter))),
                    "gw_quarter_yoy_change",
                    "Z1 " + label(quarter));
            Verdict ruleYoy = verdict(rules.evaluate(quarter), Rule.GW_YOY_DECLINE, "Z1");
            assertThat(ruleYoy.isFinding()).isFalse();
            assertThat(yoy.met()).isTrue();
            assertThat(yoy.target()).isEqualTo("≥ -" + Sentences.num(fall * 2, 2));
            Map<String, Object> quarterRow = panelRow(
                    "Zone quarterly mean level, changes and stable months",
                    quarterRange(quarter),
                    Map.of("quarter", label(quarter)));
            assertThat(((Number) quarterRow.get("yoy_decline_breach")).intValue())
                    .isZero();
        } finally {
            assertThat(catalogue.load(inForce, "classpath")).isNull();
        }
    }

    @Test
    void anOverrideChangesOneSubjectsVerdictAlikeInRuleExtractAndPanel() throws Exception {
        String inForce = shippedRuleSet();
        // GIVEN two wells, each last heard 150 minutes ago on an hourly interval: within the rule set's 3 intervals
        Instant now =
                jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class).toInstant();
        for (String id : List.of("OVR-A", "OVR-B")) {
            jdbc.update(
                    "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'well', ?, INTERVAL '1 hour')",
                    id,
                    id);
            jdbc.update(
                    "INSERT INTO well_reading (device_id, parameter, ts, value, flag, valid, received_at)"
                            + " VALUES (?, 'gw_level', ?, 1, 'N', true, ?)",
                    id,
                    java.sql.Timestamp.from(now.minus(Duration.ofMinutes(150))),
                    java.sql.Timestamp.from(now.minus(Duration.ofMinutes(150))));
        }
        // ... the hourly-only plant's 91.3 % and the two monitors' day, and Z1's quarter falling most year on year
        Instant nextMorning = WaterAndGates.DAY
                .plusDays(1)
                .atTime(8, 0)
                .atZone(QuarterClock.SHANGHAI)
                .toInstant();
        Extractor atNextMorning = new Extractor(
                database.dataSource(), ExtractProperties.defaults(), Clock.fixed(nextMorning, ZoneOffset.UTC));
        ReportPeriod day = ReportPeriod.parse(WaterAndGates.DAY + ".." + WaterAndGates.DAY);
        YearMonth quarter = YearMonth.of(2023, 4);
        double fall = -Expected.one(
                        extractor.extract(ReportPeriod.parse(label(quarter))),
                        "gw_quarter_yoy_change",
                        "Z1 " + label(quarter))
                .value();
        assertThat(fall).as("Z1 falling year on year in %s", label(quarter)).isGreaterThan(0.5);
        try {
            // WHEN the rule set overrides, for one subject each: the silence allowed to OVR-A (2 intervals), the
            // transmission target of the hourly plant's enterprise (> 90, then a later override of the same
            // enterprise's resolve_after only), and Z1's allowed fall (twice the fall)
            String overrides = "\"overrides\": ["
                    + "{ \"rule\": \"DEVICE_SILENT\", \"subject\": \"OVR-A\", \"params\": { \"intervals\": 2 } },"
                    + "{ \"rule\": \"WQ_TRANSMISSION_RATE\", \"subject\": \"一时报水质厂\","
                    + " \"params\": { \"target_pct\": \"> 90\" } },"
                    + "{ \"rule\": \"WQ_TRANSMISSION_RATE\", \"subject\": \"一时报水质厂\","
                    + " \"params\": { \"resolve_after\": 2 } },"
                    + "{ \"rule\": \"GW_YOY_DECLINE\", \"subject\": \"Z1\", \"params\": { \"decline_m\": "
                    + fall * 2 + " } }]";
            assertThat(inForce).contains("\"overrides\": []");
            assertThat(catalogue.load(inForce.replace("\"overrides\": []", overrides), "test"))
                    .isNull();

            // THEN DEVICE_SILENT: OVR-A silent (150 min > 2 h), OVR-B not, alike in the rule and the overview panel
            runStatus(now);
            List<Map<String, Object>> silentPanel = panelRows(
                    "Silent and faulty devices",
                    new GrafanaSql.Range(now.minus(Duration.ofDays(1)), now, Duration.ofMinutes(1)),
                    Map.of("family", new GrafanaSql.Value(List.of("well"), true)));
            for (String id : List.of("OVR-A", "OVR-B")) {
                boolean rule = jdbc.queryForObject(
                                "SELECT count(*) FROM alert WHERE rule_id = 'DEVICE_SILENT' AND subject_id = ?"
                                        + " AND resolved_at IS NULL",
                                Long.class,
                                id)
                        > 0;
                boolean onPanel = silentPanel.stream()
                        .anyMatch(r -> id.equals(r.get("device")) && "silent".equals(r.get("state")));
                assertThat(rule).as("%s silent by DEVICE_SILENT", id).isEqualTo(id.equals("OVR-A"));
                assertThat(onPanel).as("%s silent on the panel", id).isEqualTo(rule);
            }

            // ... WQ_TRANSMISSION_RATE: the hourly plant meets > 90 in the rule, the extract and the panel; the
            // daily-only plant of another enterprise is still judged against the rule set's ≥ 98
            ExtractReport after = atNextMorning.extract(day);
            Indicator rate = Expected.one(after, "wq_effective_transmission_rate", WaterAndGates.HOURLY);
            Verdict ruleRate = cemsRules.waterDay(QUARTERS.startOfDay(WaterAndGates.DAY), nextMorning).stream()
                    .map(RuleRunner.Judged::verdict)
                    .filter(v -> v.rule() == Rule.WQ_TRANSMISSION_RATE
                            && v.subject().id().equals(WaterAndGates.HOURLY))
                    .findFirst()
                    .orElseThrow();
            GrafanaSql.Range dayRange = new GrafanaSql.Range(
                    QUARTERS.startOfDay(WaterAndGates.DAY),
                    QUARTERS.startOfDay(WaterAndGates.DAY.plusDays(1)).minusSeconds(1),
                    Duration.ofHours(1));
            Map<String, GrafanaSql.Value> monitors =
                    Map.of("monitor", new GrafanaSql.Value(List.of(WaterAndGates.HOURLY, WaterAndGates.DAILY), true));
            Map<String, Object> panel =
                    panelRow("Effective transmission rate in range", dayRange, Map.of("monitor", "一时报水质"), monitors);
            assertThat(rate.value()).isCloseTo(100.0 * 21 / 23, within(1e-9));
            assertThat(ruleRate.isFinding()).isFalse();
            assertThat(rate.target()).isEqualTo("> 90");
            assertThat(rate.met()).isTrue();
            assertThat(panel.get("met")).isEqualTo(true);
            assertThat(Expected.one(after, "wq_effective_transmission_rate", WaterAndGates.DAILY)
                            .target())
                    .isEqualTo("≥ 98");

            // ... GW_YOY_DECLINE: Z1's fall is within its own allowance in the rule, the extract and the panel
            Indicator yoy = Expected.one(
                    extractor.extract(ReportPeriod.parse(label(quarter))),
                    "gw_quarter_yoy_change",
                    "Z1 " + label(quarter));
            Verdict ruleYoy = verdict(rules.evaluate(quarter), Rule.GW_YOY_DECLINE, "Z1");
            Map<String, Object> quarterRow = panelRow(
                    "Zone quarterly mean level, changes and stable months",
                    quarterRange(quarter),
                    Map.of("quarter", label(quarter)));
            assertThat(ruleYoy.isFinding()).isFalse();
            assertThat(yoy.met()).isTrue();
            assertThat(yoy.target()).isEqualTo("≥ -" + Sentences.num(fall * 2, 2));
            assertThat(((Number) quarterRow.get("yoy_decline_breach")).intValue())
                    .isZero();
        } finally {
            assertThat(catalogue.load(inForce, "classpath")).isNull();
        }
    }

    private void insertMarkedPlantDay() {
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES"
                        + " (?, 'water_quality', '标记水质', INTERVAL '10 minutes')",
                MARKED);
        jdbc.update(
                "INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES (?, 'water_quality', '标记厂', '总排口')",
                MARKED);
        jdbc.update(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value)"
                        + " VALUES (?, 'w01018', 'mg/L', 2000, 50)",
                MARKED);
        for (int k = 0; k < 144; k++) {
            java.time.LocalDateTime t = MARKED_DAY.atStartOfDay().plusMinutes(10L * k);
            boolean inMark = t.getHour() == 9 && t.getMinute() < 30;
            jdbc.update(
                    "INSERT INTO water_quality_reading (device_id, parameter, period, stat, ts, value)"
                            + " VALUES (?, 'w01018', 'min', 'avg', ?, ?)",
                    MARKED,
                    java.sql.Timestamp.from(t.atZone(QuarterClock.SHANGHAI).toInstant()),
                    inMark ? 1000.0 : 40.0);
        }
        Instant from = MARKED_DAY.atTime(9, 0).atZone(QuarterClock.SHANGHAI).toInstant();
        acceptedMark(MARKED, "w01018", from, from.plus(Duration.ofMinutes(30)), "maintenance");
    }

    /** An accepted data mark of one analyser over [from, to), made an hour after it began. */
    private void acceptedMark(String device, String parameter, Instant from, Instant to, String kind) {
        long mark = jdbc.queryForObject("SELECT nextval('data_mark_number')", Long.class);
        jdbc.update(
                "INSERT INTO data_mark (mark_id, version, device_id, parameter, starts_at, ends_at, kind, reason,"
                        + " source, author, made_at, due_at)"
                        + " VALUES (?, 1, ?, ?, ?, ?, ?, '分析仪维护', 'plant', 'plant1', ?, ?)",
                mark,
                device,
                parameter,
                java.sql.Timestamp.from(from),
                java.sql.Timestamp.from(to),
                kind,
                java.sql.Timestamp.from(from.plus(Duration.ofHours(1))),
                java.sql.Timestamp.from(from.plus(Duration.ofDays(1))));
        jdbc.update(
                "INSERT INTO data_mark_review (mark_id, version, decision, reviewer, reviewed_at)"
                        + " VALUES (?, 1, 'accepted', 'bureau1', ?)",
                mark,
                java.sql.Timestamp.from(from.plus(Duration.ofHours(2))));
    }

    private PeriodicRules periodicRules(Clock clock) {
        RuleMetrics metrics = new RuleMetrics(new SimpleMeterRegistry());
        RuleRunner runner = new RuleRunner(
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new AlertTracker(jdbc, metrics, clock, QuarterClock.SHANGHAI),
                null);
        var windows = new WindowScheduler(jdbc, runner, rules, QUARTERS, clock, Duration.ofDays(1), metrics);
        return new PeriodicRules(
                jdbc, windows, catalogue::current, clock, QuarterClock.SHANGHAI, Duration.ofDays(3), true, metrics);
    }

    @Test
    void cemsValidHoursAndO2ReferencedDailyMeanAgree() {
        Instant dayStart = QUARTERS.startOfDay(COKE_DAY);
        List<Verdict> hours = new java.util.ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Instant hour = dayStart.plus(Duration.ofHours(h));
            cemsRules.cemsHour(hour, dayStart.plus(Duration.ofDays(2))).stream()
                    .map(RuleRunner.Judged::verdict)
                    .filter(v -> v.rule() == Rule.CEMS_EMISSION_LIMIT
                            && v.subject().id().equals("STACK-1"))
                    .forEach(hours::add);
        }
        double ruleDailyMean =
                hours.stream().mapToDouble(Verdict::observed).average().orElseThrow();
        ExtractReport report = extractor.extract(ReportPeriod.parse(COKE_DAY + ".." + COKE_DAY));
        Map<String, Object> panel = panelRow(
                "Hours over the limit",
                new GrafanaSql.Range(dayStart, dayStart.plus(Duration.ofDays(1)), Duration.ofMinutes(5)),
                Map.of("pollutant", "SO2"),
                Map.of(
                        "monitor", new GrafanaSql.Value(List.of("STACK-1"), true),
                        "parameter", new GrafanaSql.Value(List.of("a21026"), true)));

        // hours 02 (40 minutes), 09 (O2 too high for half the hour) and 13 (out of control after a
        // zero check until the next passing one) are not valid
        assertThat(hours).hasSize(21);
        assertThat(Expected.one(report, "cems_valid_hours", "STACK-1/a21026").value())
                .isEqualTo(21.0);
        assertThat(((Number) panel.get("valid_hours")).intValue()).isEqualTo(21);
        assertThat(Expected.one(report, "cems_highest_daily_mean", "STACK-1/a21026")
                        .value())
                .isCloseTo(ruleDailyMean, within(1e-9));
        assertThat(((Number) panel.get("highest_daily_mean")).doubleValue()).isCloseTo(ruleDailyMean, within(1e-9));
        assertThat(((Number) panel.get("hours_over")).intValue())
                .isEqualTo((int) hours.stream().filter(Verdict::isFinding).count());
        // the evidence says how each hour was referenced to 8 % O2
        Verdict first = hours.get(0);
        assertThat(first.evidence()).containsEntry("o2_basis", "converted").containsEntry("valid_minutes", 60.0);
        assertThat(first.observed()).isCloseTo(10 * 13.0 / 9.0, within(1e-9)); // O2 12 %
        assertThat(hourVerdict(hours, dayStart, 7).evidence()).containsEntry("o2_basis", "sent");
        assertThat(hourVerdict(hours, dayStart, 7).observed()).isEqualTo(50.0);
        assertThat(hourVerdict(hours, dayStart, 5).evidence()).containsEntry("valid_minutes", 45.0);
    }

    @Test
    void cemsCalibrationDeviationAgrees() {
        // GIVEN the stack's zero check at 13:20, sent without full scale: 12 on the registered 0–200 range
        Instant check = COKE_DAY.atTime(13, 20).atZone(QuarterClock.SHANGHAI).toInstant();
        try (var batch = pointRules()) {
            assertThat(batch.process(List.of(new Outcome(
                            null,
                            "json",
                            "STACK-1",
                            List.of(),
                            List.of(new Calibration(
                                    Family.CEMS, "STACK-1", "a21026", CalibrationKind.ZERO, check, 0, 12, null, null)),
                            List.of()))))
                    .isTrue();
        }

        // WHEN the rule's alert, the extract of the day and the results panel are read
        Map<String, Object> alert =
                jdbc.queryForMap("SELECT observed, target, margin FROM alert WHERE rule_id = 'CEMS_CALIBRATION_DRIFT'"
                        + " AND subject_id = 'STACK-1' AND parameter = 'a21026'");
        ExtractReport report = extractor.extract(ReportPeriod.parse(COKE_DAY + ".." + COKE_DAY));
        Instant dayStart = QUARTERS.startOfDay(COKE_DAY);
        Map<String, Object> panel = panelRow(
                "Calibration results",
                new GrafanaSql.Range(dayStart, dayStart.plus(Duration.ofDays(1)), Duration.ofMinutes(5)),
                Map.of("measured", 12.0),
                Map.of(
                        "monitor", new GrafanaSql.Value(List.of("STACK-1"), true),
                        "parameter", new GrafanaSql.Value(List.of("a21026"), true)));

        // THEN one figure: 12 / 200 = 6 %, allowed 2.5 % (the rule set's), 3.5 points over
        double rule = (Double) alert.get("observed");
        assertThat(rule).isCloseTo(6.0, within(1e-9));
        assertThat(Expected.one(report, "cems_worst_deviation", "STACK-1/a21026")
                        .value())
                .isEqualTo(rule);
        assertThat(((Number) panel.get("deviation")).doubleValue()).isEqualTo(rule);
        assertThat(((Number) panel.get("allowed")).doubleValue()).isEqualTo((Double) alert.get("target"));
        assertThat(Expected.one(report, "cems_deviation_excess", "STACK-1/a21026")
                        .value())
                .isCloseTo((Double) alert.get("margin"), within(1e-9));
        assertThat(((Number) panel.get("excess")).doubleValue()).isCloseTo((Double) alert.get("margin"), within(1e-9));
        assertThat(panel.get("span_basis")).isEqualTo("registered_range");
    }

    @Test
    void aPerDeviceOverrideOfTheAllowedDeviationReachesRuleExtractAndPanel() throws Exception {
        String inForce = shippedRuleSet();
        assertThat(inForce).contains("\"overrides\": []");
        try {
            // GIVEN the rule set allows STACK-1 a gas deviation of 7 %F.S. (the rule set's own value is 2.5)
            String overrides = "\"overrides\": [{ \"rule\": \"CEMS_CALIBRATION_DRIFT\", \"subject\": \"STACK-1\","
                    + " \"params\": { \"allowed_pct_gas\": 7 } }]";
            assertThat(catalogue.load(inForce.replace("\"overrides\": []", overrides), "test"))
                    .isNull();

            // WHEN the stack's zero check reads 12 on its registered 0–200 range: 6 %F.S.
            Instant check =
                    COKE_DAY.atTime(13, 20).atZone(QuarterClock.SHANGHAI).toInstant();
            try (var batch = pointRules()) {
                assertThat(batch.process(List.of(new Outcome(
                                null,
                                "json",
                                "STACK-1",
                                List.of(),
                                List.of(new Calibration(
                                        Family.CEMS,
                                        "STACK-1",
                                        "a21026",
                                        CalibrationKind.ZERO,
                                        check,
                                        0,
                                        12,
                                        null,
                                        null)),
                                List.of()))))
                        .isTrue();
            }

            // THEN the rule passes it, and the extract and the results panel judge it against 7 too (the panel's
            // excess is signed, 1 point under; the extract's is what lies over, none)
            long alerts = jdbc.queryForObject(
                    "SELECT count(*) FROM alert WHERE rule_id = 'CEMS_CALIBRATION_DRIFT' AND subject_id = 'STACK-1'",
                    Long.class);
            assertThat(alerts).isZero();
            ExtractReport report = extractor.extract(ReportPeriod.parse(COKE_DAY + ".." + COKE_DAY));
            Instant dayStart = QUARTERS.startOfDay(COKE_DAY);
            Map<String, Object> panel = panelRow(
                    "Calibration results",
                    new GrafanaSql.Range(dayStart, dayStart.plus(Duration.ofDays(1)), Duration.ofMinutes(5)),
                    Map.of("measured", 12.0),
                    Map.of(
                            "monitor", new GrafanaSql.Value(List.of("STACK-1"), true),
                            "parameter", new GrafanaSql.Value(List.of("a21026"), true)));
            assertThat(((Number) panel.get("allowed")).doubleValue()).isEqualTo(7.0);
            assertThat(((Number) panel.get("excess")).doubleValue()).isCloseTo(-1.0, within(1e-9));
            Indicator worst = Expected.one(report, "cems_worst_deviation", "STACK-1/a21026");
            assertThat(worst.value()).isCloseTo(6.0, within(1e-9));
            assertThat(worst.target()).isEqualTo("≤ 7.0");
            assertThat(worst.met()).isTrue();
            assertThat(Expected.one(report, "cems_deviation_excess", "STACK-1/a21026")
                            .value())
                    .isZero();
        } finally {
            assertThat(catalogue.load(inForce, "classpath")).isNull();
        }
    }

    /** C2's cumulative meter in 2025, local noon readings unless said: reset to 0 at 16:00 on 15 March. */
    private static final Object[][] C2_METER = {
        {"2024-12-31T12:00", 5000.0},
        {"2025-02-01T12:00", 5600.0},
        {"2025-03-15T08:00", 6100.0},
        {"2025-03-15T16:00", 0.0},
        {"2025-03-15T20:00", 50.0},
        {"2025-06-01T12:00", 2050.0},
        {"2025-10-01T12:00", 28000.0}
    };

    private void insertMeterWithReset() throws Exception {
        List<History.Raw> meter = new java.util.ArrayList<>();
        for (Object[] r : C2_METER) {
            meter.add(new History.Raw(
                    "well_reading",
                    "C2",
                    "volume_total",
                    java.time.LocalDateTime.parse((String) r[0])
                            .atZone(QuarterClock.SHANGHAI)
                            .toInstant(),
                    (Double) r[1],
                    true));
        }
        History.insert(database.dataSource(), meter);
    }

    @Test
    void yearToDateAbstractionWithAMeterResetAgrees() {
        // GIVEN C2 (allocation 30 000 m3) metered 600 + 500 before the reset, 50 after it on the same day, then
        // 2 000 and 25 950: 29 100 m3 year to date, 97 % of the allocation (not 28 000 - 5 000 = 23 000)
        Instant last = java.time.LocalDateTime.parse("2025-10-01T12:00")
                .atZone(QuarterClock.SHANGHAI)
                .toInstant();

        // WHEN the quota rule judges the meter's last reading, the October extract and the panels read the year
        try (var batch = pointRules()) {
            assertThat(batch.process(List.of(new Outcome(
                            null,
                            "json",
                            "C2",
                            List.of(new Reading(
                                    Family.WELL,
                                    "C2",
                                    "volume_total",
                                    last,
                                    Period.REALTIME,
                                    Statistic.VALUE,
                                    28000.0,
                                    DataFlag.N,
                                    true,
                                    null)),
                            List.of(),
                            List.of()))))
                    .isTrue();
        }
        Map<String, Object> alert =
                jdbc.queryForMap("SELECT observed, target, (evidence->>'ytd_m3')::float8 AS ytd FROM alert"
                        + " WHERE rule_id = 'WELL_QUOTA' AND subject_id = 'C2'");
        ExtractReport report = extractor.extract(ReportPeriod.parse("2025-10"));
        GrafanaSql.Range october = new GrafanaSql.Range(
                QUARTERS.startOfDay(LocalDate.of(2025, 10, 1)),
                QUARTERS.startOfDay(LocalDate.of(2025, 11, 1)).minusSeconds(1),
                Duration.ofDays(1));
        Map<String, GrafanaSql.Value> village = Map.of("village", new GrafanaSql.Value(List.of("V1"), true));
        Map<String, Object> wellPanel =
                panelRow("Wells over quota (year to date)", october, Map.of("well", "C2控制井"), village);
        Map<String, Object> villagePanel = panelRow(
                "Abstraction year to date vs allocation, by village", october, Map.of("village", "一村"), village);

        // THEN one figure for the well, and the village (C2 its only metered well) sums the same
        double rule = (Double) alert.get("observed");
        assertThat(rule).isCloseTo(29100.0, within(1e-6));
        assertThat((Double) alert.get("ytd")).isEqualTo(rule);
        assertThat(Expected.one(report, "well_volume_ytd", "C2").value()).isCloseTo(rule, within(1e-6));
        assertThat(((Number) wellPanel.get("abstraction_ytd")).doubleValue()).isCloseTo(rule, within(1e-6));
        assertThat(((Number) wellPanel.get("allocation")).doubleValue()).isEqualTo((Double) alert.get("target"));
        assertThat(((Number) wellPanel.get("quota_level")).intValue()).isEqualTo(1); // warning: 97 % of 30 000
        assertThat(Expected.one(report, "village_volume_ytd", "V1").value()).isCloseTo(rule, within(1e-6));
        assertThat(((Number) villagePanel.get("abstraction_ytd")).doubleValue()).isCloseTo(rule, within(1e-6));
    }

    @Test
    void zoneYearToDateAbstractionAgrees() throws Exception {
        // GIVEN zone Z1 capped at 36 000 m3 a year, holding C2 (29 100 m3 this year, across a meter reset) and,
        // in another village, well ZW1 whose meter was replaced on 1 July: 3 000 m3 before, 2 900 after, and
        // well ZW2, taken out of service (inactive in the registry) after pumping 500 m3 from March to August
        jdbc.update("UPDATE zone SET annual_cap_m3 = 36000 WHERE id = 'Z1'");
        try {
            jdbc.update("INSERT INTO village (id, name, zone_id) VALUES ('V3', '三村', 'Z1')");
            jdbc.update("INSERT INTO device (id, family, name, reporting_interval)"
                    + " VALUES ('ZW1', 'well', 'ZW1机井', INTERVAL '1 day')");
            jdbc.update("INSERT INTO well (device_id, village_id, zone_id, annual_allocation_m3, meter_type)"
                    + " VALUES ('ZW1', 'V3', 'Z1', 10000, 'electromagnetic')");
            jdbc.update("INSERT INTO device (id, family, name, reporting_interval, active)"
                    + " VALUES ('ZW2', 'well', 'ZW2机井', INTERVAL '1 day', false)");
            jdbc.update("INSERT INTO well (device_id, village_id, zone_id, annual_allocation_m3, meter_type)"
                    + " VALUES ('ZW2', 'V3', 'Z1', 2000, 'electromagnetic')");
            List<History.Raw> meter = new java.util.ArrayList<>();
            for (Object[] r : new Object[][] {
                {"ZW1", "2024-12-31T12:00", 1000.0},
                {"ZW1", "2025-06-01T12:00", 4000.0},
                {"ZW1", "2025-07-01T12:00", 0.0},
                {"ZW1", "2025-09-30T12:00", 2900.0},
                {"ZW2", "2025-03-01T12:00", 7000.0},
                {"ZW2", "2025-08-31T12:00", 7500.0}
            }) {
                meter.add(new History.Raw(
                        "well_reading",
                        (String) r[0],
                        "volume_total",
                        java.time.LocalDateTime.parse((String) r[1])
                                .atZone(QuarterClock.SHANGHAI)
                                .toInstant(),
                        (Double) r[2],
                        true));
            }
            History.insert(database.dataSource(), meter);

            // WHEN the quota totals are judged as October closes, and the October extract and the zone panel
            // read the year
            Instant november = QUARTERS.startOfDay(LocalDate.of(2025, 11, 1));
            jdbc.update("DELETE FROM rule_window_run WHERE rule_group = ?", WindowGroup.QUOTA_YEAR.group());
            periodicRules(Clock.fixed(november, ZoneOffset.UTC)).runWindows();
            Map<String, Object> alert = jdbc.queryForMap(
                    "SELECT observed, target, (evidence->>'ytd_m3')::float8 AS ytd, evidence->>'readings_to' AS as_of"
                            + " FROM alert WHERE rule_id = 'WELL_QUOTA' AND subject_kind = 'zone' AND subject_id = 'Z1'");
            ExtractReport report = extractor.extract(ReportPeriod.parse("2025-10"));
            Map<String, Object> panel = panelRow(
                    "Abstraction year to date vs cap, by zone",
                    new GrafanaSql.Range(
                            QUARTERS.startOfDay(LocalDate.of(2025, 10, 1)),
                            november.minusSeconds(1),
                            Duration.ofDays(1)),
                    Map.of("zone", "超采区"));

            // THEN 29 100 + 5 900 + 500 = 35 500 m3 (98.6 % of the cap, a warning) in the rule, the extract and
            // the panel: the inactive well's metered water counts, as water abstracted this year
            double rule = (Double) alert.get("observed");
            assertThat(alert.get("as_of")).isEqualTo(november.toString());
            assertThat(rule).isCloseTo(35500.0, within(1e-6));
            assertThat(Expected.one(report, "village_volume_ytd", "V3").value()).isCloseTo(6400.0, within(1e-6));
            assertThat((Double) alert.get("ytd")).isEqualTo(rule);
            assertThat(Expected.one(report, "zone_volume_ytd", "Z1").value()).isCloseTo(rule, within(1e-6));
            assertThat(((Number) panel.get("abstraction_ytd")).doubleValue()).isCloseTo(rule, within(1e-6));
            assertThat(((Number) panel.get("cap")).doubleValue()).isEqualTo((Double) alert.get("target"));
            assertThat(((Number) panel.get("quota_level")).intValue()).isEqualTo(1);
        } finally {
            jdbc.update("UPDATE zone SET annual_cap_m3 = NULL WHERE id = 'Z1'");
        }
    }

    @Test
    void silentDeviceAgrees() throws Exception {
        // GIVEN four wells reporting hourly, last heard (sent at, received at) minutes before now:
        // A (150, 150), B (210, 210), C (240, 10: a late delivery) and D (30, 30); and two reporting every
        // 5 s, last heard seconds before now: E (20, 20) and F (12, 12); and G like E but allowed 5 intervals
        // (25 s) by an override
        String inForce = shippedRuleSet();
        assertThat(catalogue.load(
                        inForce.replace(
                                "\"overrides\": []",
                                "\"overrides\": [{\"rule\": \"DEVICE_SILENT\", \"subject\": \"SIL-G\","
                                        + " \"params\": {\"intervals\": 5}}]"),
                        "test"))
                .isNull();
        Instant now =
                jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class).toInstant();
        Map<String, Duration[]> lastHeard = Map.of(
                "SIL-A", minutes(150, 150),
                "SIL-B", minutes(210, 210),
                "SIL-C", minutes(240, 10),
                "SIL-D", minutes(30, 30),
                "SIL-E", new Duration[] {Duration.ofSeconds(20), Duration.ofSeconds(20)},
                "SIL-F", new Duration[] {Duration.ofSeconds(12), Duration.ofSeconds(12)},
                "SIL-G", new Duration[] {Duration.ofSeconds(20), Duration.ofSeconds(20)});
        lastHeard.forEach((id, ago) -> {
            jdbc.update(
                    "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'well', ?, ?::interval)",
                    id,
                    id,
                    id.compareTo("SIL-E") >= 0 ? "5 seconds" : "1 hour");
            jdbc.update(
                    "INSERT INTO well_reading (device_id, parameter, ts, value, flag, valid, received_at)"
                            + " VALUES (?, 'gw_level', ?, 1, 'N', true, ?)",
                    id,
                    java.sql.Timestamp.from(now.minus(ago[0])),
                    java.sql.Timestamp.from(now.minus(ago[1])));
        });

        try {
            // WHEN the overview's silent-device panel is read (first: it judges at the database's now(), a moment
            // after the test's now), the status rules run now and the console's device list is built for now
            List<Map<String, Object>> panel = panelRows(
                    "Silent and faulty devices",
                    new GrafanaSql.Range(now.minus(Duration.ofDays(1)), now, Duration.ofMinutes(1)),
                    Map.of("family", new GrafanaSql.Value(List.of("well"), true)));
            runStatus(now);
            java.util.Set<String> console = org.urad.envmon.ingest.console.DeviceSilence.at(
                            org.springframework.jdbc.core.simple.JdbcClient.create(jdbc), now, Duration.ofDays(7))
                    .silent();

            // THEN the same devices are silent in all three: by hand, with 3 intervals (the rule set's) of silence
            // on receipt, exactly, B (210 min > 3 h) and E (20 s > 15 s), not F (12 s), G (20 s < 25 s), A, C
            // or D
            java.util.Set<String> byRule = new java.util.TreeSet<>();
            for (String id : new java.util.TreeSet<>(lastHeard.keySet())) {
                boolean rule = jdbc.queryForObject(
                                "SELECT count(*) FROM alert WHERE rule_id = 'DEVICE_SILENT' AND subject_id = ?",
                                Long.class,
                                id)
                        > 0;
                if (rule) {
                    byRule.add(id);
                }
                boolean onPanel =
                        panel.stream().anyMatch(r -> id.equals(r.get("device")) && "silent".equals(r.get("state")));
                assertThat(onPanel)
                        .as("%s silent on the panel as by DEVICE_SILENT", id)
                        .isEqualTo(rule);
                assertThat(console.contains(id))
                        .as("%s silent on the console as by DEVICE_SILENT", id)
                        .isEqualTo(rule);
            }
            assertThat(byRule).containsExactly("SIL-B", "SIL-E");
        } finally {
            assertThat(catalogue.load(inForce, "classpath")).isNull();
        }
    }

    private static Duration[] minutes(int sent, int received) {
        return new Duration[] {Duration.ofMinutes(sent), Duration.ofMinutes(received)};
    }

    @Test
    void comparisonOverdueAgrees() {
        // GIVEN a CEMS monitor whose last comparison monitoring was 100 days before now (the rule set allows 92)
        Instant now =
                jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class).toInstant();
        jdbc.update("INSERT INTO device (id, family, name, reporting_interval) VALUES"
                + " ('COMP-1', 'cems', '比对烟囱', INTERVAL '5 minutes')");
        jdbc.update("INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES ('COMP-1', 'cems', '比对厂', '烟囱')");
        jdbc.update("INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value)"
                + " VALUES ('COMP-1', 'a21026', 'mg/m3', 200, 30)");
        jdbc.update(
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, family)"
                        + " VALUES ('COMP-1', 'a21026', 'comparison', ?, 20, 21, 'cems')",
                java.sql.Timestamp.from(now.minus(Duration.ofDays(100))));

        // WHEN the status rules run now and the CEMS panel of last calibration and comparison is read
        runStatus(now);
        Map<String, Object> alert = jdbc.queryForMap("SELECT observed, target, margin FROM alert"
                + " WHERE rule_id = 'CEMS_COMPARISON_OVERDUE' AND subject_id = 'COMP-1'");
        Map<String, Object> panel = panelRow(
                "Last calibration and comparison",
                new GrafanaSql.Range(now.minus(Duration.ofDays(1)), now, Duration.ofMinutes(5)),
                Map.of("monitor", "比对烟囱"),
                Map.of("monitor", new GrafanaSql.Value(List.of("COMP-1"), true)));

        // THEN 100 - 92 = 8 days overdue in both (the rule counts hours: 192 h)
        double ruleDays = (Double) alert.get("margin") / 24;
        assertThat(ruleDays).isCloseTo(8.0, within(1.0 / 24 / 60));
        assertThat(((Number) panel.get("comparison_overdue_d")).doubleValue()).isCloseTo(ruleDays, within(1e-3));
        assertThat(((Number) panel.get("days_since_comparison")).doubleValue())
                .isCloseTo((Double) alert.get("observed") / 24, within(1e-3));
    }

    /** The status rules at {@code now}, even when another test ran them in the same minute. */
    private void runStatus(Instant now) {
        jdbc.update("DELETE FROM rule_window_run WHERE rule_group = ?", PeriodicRules.STATUS);
        assertThat(periodicRules(Clock.fixed(now, ZoneOffset.UTC)).runStatus()).isTrue();
    }

    @Test
    void faultShareAgrees() {
        // GIVEN a plant's day of 144 ten-minute COD values, 3 each flagged D, F and B, 3 more flagged D from
        // 10:00 to 10:30 inside an accepted fault mark, and its hourly value of 09:00 flagged D too
        LocalDate day = LocalDate.of(2025, 11, 14);
        jdbc.update("INSERT INTO device (id, family, name, reporting_interval) VALUES"
                + " ('WQ-FAULT', 'water_quality', '故障水质', INTERVAL '10 minutes')");
        jdbc.update("INSERT INTO monitor (device_id, kind, enterprise, outlet)"
                + " VALUES ('WQ-FAULT', 'water_quality', '故障厂', '总排口')");
        jdbc.update("INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value)"
                + " VALUES ('WQ-FAULT', 'w01018', 'mg/L', 2000, 50)");
        for (int k = 0; k < 144; k++) {
            String flag = k < 9 ? List.of("D", "F", "B").get(k % 3) : k >= 60 && k < 63 ? "D" : "N";
            waterValue("min", localTime(day, 10L * k), flag);
        }
        waterValue("hour", localTime(day, 9 * 60), "D");
        acceptedMark("WQ-FAULT", "w01018", localTime(day, 10 * 60), localTime(day, 10 * 60 + 30), "fault");
        Instant dayStart = QUARTERS.startOfDay(day);

        // WHEN the rule judges the day and the fault panel reads it
        Verdict rule = cemsRules.waterDay(dayStart, dayStart.plus(Duration.ofDays(2))).stream()
                .map(RuleRunner.Judged::verdict)
                .filter(v ->
                        v.rule() == Rule.WQ_FAULT_FREQUENCY && v.subject().id().equals("WQ-FAULT"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> panel = panelRow(
                "Fault-flagged values per day (D, F, B)",
                new GrafanaSql.Range(dayStart, dayStart.plus(Duration.ofDays(1)).minusSeconds(1), Duration.ofDays(1)),
                Map.of("metric", "故障水质"),
                Map.of("monitor", new GrafanaSql.Value(List.of("WQ-FAULT"), true)));

        // THEN the marked values count in neither: 9 faulty of 141 values (6.4 %, a warning over 5 %) in both
        assertThat(rule.observed()).isCloseTo(100.0 * 9 / 141, within(1e-9));
        assertThat(((Number) rule.evidence().get("faulty_values")).longValue()).isEqualTo(9);
        assertThat(((Number) panel.get("value")).longValue())
                .isEqualTo(((Number) rule.evidence().get("faulty_values")).longValue());
    }

    @Test
    void faultShareOfHourlyOnlyMonitorAgrees() {
        // GIVEN a plant whose monitor is registered as hourly (HJ 212 CN 2061): a day of hourly COD values, hours
        // 02, 05, 08 and 13 flagged D, F, B and D, hours 16 and 17 flagged D inside an accepted fault mark; hour
        // 20 sent as one real-time value flagged D instead (as a JSON sender reports its hour), and twelve stray
        // five-minute real-time values, all N, in hour 09 beside its hourly value
        LocalDate day = LocalDate.of(2025, 11, 15);
        String id = "WQ-FAULT-H";
        jdbc.update("INSERT INTO device (id, family, name, reporting_interval) VALUES"
                + " ('WQ-FAULT-H', 'water_quality', '时报故障水质', INTERVAL '1 hour')");
        jdbc.update("INSERT INTO monitor (device_id, kind, enterprise, outlet)"
                + " VALUES ('WQ-FAULT-H', 'water_quality', '时报故障厂', '总排口')");
        jdbc.update("INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value)"
                + " VALUES ('WQ-FAULT-H', 'w01018', 'mg/L', 2000, 50)");
        Map<Integer, String> flags = Map.of(2, "D", 5, "F", 8, "B", 13, "D", 16, "D", 17, "D");
        for (int h = 0; h < 24; h++) {
            if (h != 20) {
                waterValue(id, "hour", "avg", localTime(day, 60L * h), flags.getOrDefault(h, "N"));
            }
        }
        waterValue(id, "rt", "val", localTime(day, 20 * 60 + 7), "D");
        for (int k = 0; k < 12; k++) {
            waterValue(id, "rt", "val", localTime(day, 9 * 60 + 5L * k), "N");
        }
        acceptedMark(id, "w01018", localTime(day, 16 * 60), localTime(day, 18 * 60), "fault");
        Instant dayStart = QUARTERS.startOfDay(day);

        // WHEN the rule judges the closed day and the fault panel reads it
        Verdict rule = cemsRules.waterDay(dayStart, dayStart.plus(Duration.ofDays(2))).stream()
                .map(RuleRunner.Judged::verdict)
                .filter(v ->
                        v.rule() == Rule.WQ_FAULT_FREQUENCY && v.subject().id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no fault share for the hourly-only monitor"));
        Map<String, Object> panel = panelRow(
                "Fault-flagged values per day (D, F, B)",
                new GrafanaSql.Range(dayStart, dayStart.plus(Duration.ofDays(1)).minusSeconds(1), Duration.ofDays(1)),
                Map.of("metric", "时报故障水质"),
                Map.of("monitor", new GrafanaSql.Value(List.of(id), true)));

        // THEN the share is of hourly records: one per unmarked hour, 5 faulty of 22 (22.7 %, a breach over
        // 10 %), the stray values of hour 09 not beside its hourly value, and the panel shows the rule's 5
        assertThat(rule.observed()).isCloseTo(100.0 * 5 / 22, within(1e-9));
        assertThat(((Number) rule.evidence().get("values")).longValue()).isEqualTo(22);
        assertThat(((Number) rule.evidence().get("faulty_values")).longValue()).isEqualTo(5);
        assertThat(((Number) panel.get("value")).longValue())
                .isEqualTo(((Number) rule.evidence().get("faulty_values")).longValue());
    }

    private static Instant localTime(LocalDate day, long minutes) {
        return day.atStartOfDay()
                .plusMinutes(minutes)
                .atZone(QuarterClock.SHANGHAI)
                .toInstant();
    }

    private void waterValue(String period, Instant t, String flag) {
        waterValue("WQ-FAULT", period, "avg", t, flag);
    }

    private void waterValue(String device, String period, String stat, Instant t, String flag) {
        jdbc.update(
                "INSERT INTO water_quality_reading (device_id, parameter, period, stat, ts, value, flag, valid)"
                        + " VALUES (?, 'w01018', ?, ?, ?, 40, ?, ?)",
                device,
                period,
                stat,
                java.sql.Timestamp.from(t),
                flag,
                flag.equals("N"));
    }

    private static Verdict hourVerdict(List<Verdict> hours, Instant dayStart, int hour) {
        return hours.stream()
                .filter(v -> v.periodStart().equals(dayStart.plus(Duration.ofHours(hour))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no verdict for hour " + hour));
    }

    /**
     * STACK-1's day, every 5 minutes: SO2 10 + hour mg/m3 measured, O2 12 + (hour mod 5) × 0.5 %; hour 02
     * sends 8 values (40 minutes), hour 05 nine (45), hour 07 its converted values (ZsRtd 50), hour 09
     * O2 20.5 % for its first 30 minutes, hour 11 one value flagged T, and a zero check at 13:20 drifts
     * 6 %F.S. (out of control beyond 5) until the passing check at 13:50.
     */
    private void insertCokeOvenDay() {
        jdbc.update("INSERT INTO device (id, family, name, reporting_interval) VALUES"
                + " ('STACK-1', 'cems', '焦炉烟囱', INTERVAL '5 minutes')");
        jdbc.update(
                "INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES ('STACK-1', 'cems', '焦化厂', '焦炉烟囱')");
        jdbc.update(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value, limit_o2_ref_pct)"
                        + " VALUES ('STACK-1', 'a21026', 'mg/m3', 200, 30, 8), ('STACK-1', 'a19001', '%', 25, NULL, NULL)");
        Instant dayStart = QUARTERS.startOfDay(COKE_DAY);
        for (int h = 0; h < 24; h++) {
            int values = h == 2 ? 8 : h == 5 ? 9 : 12;
            for (int k = 0; k < values; k++) {
                Instant t = dayStart.plus(Duration.ofMinutes(60L * h + 5L * k));
                double o2 = h == 9 && k < 6 ? 20.5 : 12 + (h % 5) * 0.5;
                String flag = h == 11 && k == 11 ? "T" : "N";
                cems(t, "a21026", "val", 10 + h, flag);
                cems(t, "a19001", "val", o2, "N");
                if (h == 7) {
                    cems(t, "a21026", "zs_val", 50, "N");
                }
            }
        }
        for (Object[] check : new Object[][] {{"13:20", 12.0}, {"13:50", 1.0}}) {
            jdbc.update(
                    "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, family)"
                            + " VALUES ('STACK-1', 'a21026', 'zero', ?, 0, ?, 'cems')",
                    java.sql.Timestamp.from(COKE_DAY.atTime(java.time.LocalTime.parse((String) check[0]))
                            .atZone(QuarterClock.SHANGHAI)
                            .toInstant()),
                    check[1]);
        }
    }

    private void cems(Instant t, String parameter, String stat, double value, String flag) {
        jdbc.update(
                "INSERT INTO cems_reading (device_id, parameter, period, stat, ts, value, flag, valid)"
                        + " VALUES ('STACK-1', ?, 'rt', ?, ?, ?, ?, ?)",
                parameter,
                stat,
                java.sql.Timestamp.from(t),
                value,
                flag,
                flag.equals("N"));
    }

    private static Verdict verdict(List<RuleRunner.Judged> judged, Rule rule, String subject) {
        return judged.stream()
                .map(RuleRunner.Judged::verdict)
                .filter(v -> v.rule() == rule && v.subject().id().equals(subject))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " verdict for " + subject));
    }

    private static String label(YearMonth q) {
        return q.getYear() + "-Q" + ((q.getMonthValue() - 1) / 3 + 1);
    }

    private static GrafanaSql.Range quarterRange(YearMonth q) {
        return new GrafanaSql.Range(QUARTERS.start(q), QUARTERS.end(q).minusSeconds(1), Duration.ofDays(1));
    }

    /** The one row of the panel whose description starts with {@code title}, $zone = Z1, $well = C1, C2. */
    private Map<String, Object> panelRow(String title, GrafanaSql.Range range, Map<String, Object> key) {
        return panelRow(
                title,
                range,
                key,
                Map.of(
                        "zone",
                        new GrafanaSql.Value(List.of("Z1"), true),
                        "well",
                        new GrafanaSql.Value(List.of("C1", "C2"), true)));
    }

    private Map<String, Object> panelRow(
            String title, GrafanaSql.Range range, Map<String, Object> key, Map<String, GrafanaSql.Value> variables) {
        List<Map<String, Object>> rows = panelRows(title, range, variables).stream()
                .filter(r -> key.entrySet().stream().allMatch(e -> e.getValue().equals(r.get(e.getKey()))))
                .toList();
        assertThat(rows).as("rows of %s matching %s", title, key).hasSize(1);
        return rows.get(0);
    }

    /** Every row of the panel whose description starts with {@code title}. */
    private List<Map<String, Object>> panelRows(
            String title, GrafanaSql.Range range, Map<String, GrafanaSql.Value> variables) {
        Dashboards.Target target = Dashboards.targets("urad-pg").stream()
                .filter(t -> String.valueOf(t.panel().get("description")).startsWith(title + "."))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title));
        String sql = new GrafanaSql(false).expand((String) target.query().get("rawSql"), variables, range);
        return jdbc.queryForList(sql);
    }

    /** The point rules as the service runs them after a commit, on the registry this test loaded. */
    private CommittedBatchRules pointRules() {
        RuleMetrics metrics = new RuleMetrics(new SimpleMeterRegistry());
        RuleRunner runner = new RuleRunner(
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new AlertTracker(jdbc, metrics, CLOCK, QuarterClock.SHANGHAI),
                null);
        RegistryData reg = new RegistryRepository(jdbc, new DataSourceTransactionManager(database.dataSource())).read();
        RegistrySnapshot snapshot = new RegistrySnapshot(
                reg.devices(), reg.parameters(), reg.wells(), reg.monitors(), reg.monitorParameters(), reg.gates());
        var windows = new WindowScheduler(jdbc, runner, rules, QUARTERS, CLOCK, Duration.ofDays(1), metrics);
        return new CommittedBatchRules(
                jdbc, runner, windows, () -> snapshot, catalogue::current, metrics, QuarterClock.SHANGHAI, CLOCK, 10);
    }
}
