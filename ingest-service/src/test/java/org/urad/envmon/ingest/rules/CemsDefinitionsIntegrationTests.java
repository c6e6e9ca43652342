package org.urad.envmon.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.MonitorParameter;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.MigratedDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies, against the real database, the CEMS definitions of V24: concentrations at the limit's
 * reference O2 (HJ 75-2017), the valid hour by time coverage whatever the reporting interval, the
 * over-range (T) alert, and the data a drift check beyond the out-of-control tier makes invalid; and
 * the calibration deviation of V26 (span: full scale, else the registered range, else the reference).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CemsDefinitionsIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = local("2025-11-03T09:30");

    private MigratedDatabase database;
    private JdbcTemplate jdbc;
    private RuleCatalogue catalogue;
    private RuleRunner runner;
    private CommittedBatchRules batchRules;
    private RegistrySnapshot registry;

    @BeforeAll
    void setUp() throws Exception {
        database = MigratedDatabase.create("cems_definitions");
        jdbc = new JdbcTemplate(database.dataSource());
        catalogue = new RuleCatalogue(null);
        try (var in = getClass().getResourceAsStream("/rules/rule-set.json")) {
            assertThat(catalogue.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath"))
                    .isNull();
        }
        Clock clock = Clock.fixed(NOW, SHANGHAI);
        RuleMetrics metrics = new RuleMetrics(new SimpleMeterRegistry());
        runner = new RuleRunner(
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new AlertTracker(jdbc, metrics, clock, SHANGHAI),
                null);
        registry = new RegistrySnapshot(
                List.of(new Device("STACK-T", Family.CEMS, "焦炉烟囱T", Duration.ofMinutes(1), null, null, true)),
                List.of(),
                List.of(),
                List.of(new Monitor("STACK-T", Family.CEMS, "焦化厂", "焦炉烟囱", null, null, false, true)),
                List.of(new MonitorParameter("STACK-T", "a21026", "mg/m3", 0, 200, 30.0, null, null, 8.0)),
                List.of());
        QuarterClock quarters = new QuarterClock(SHANGHAI);
        var windows = new WindowScheduler(
                jdbc,
                runner,
                new GroundwaterQuarters(
                        new GroundwaterData(jdbc, SHANGHAI), RegistrySnapshot::empty, catalogue::current, quarters),
                quarters,
                clock,
                Duration.ofDays(400),
                metrics);
        batchRules = new CommittedBatchRules(
                jdbc, runner, windows, () -> registry, catalogue::current, metrics, SHANGHAI, clock, 10);
    }

    @AfterAll
    void tearDown() {
        batchRules.close();
        database.close();
    }

    @ParameterizedTest(name = "{0} mg/m3 at {1} % O2, limit at {2} % → {3}")
    @CsvSource({
        "10,  13,    8,  16.25", // 10 × 13 / 8
        "10,  8,     8,  10",
        "10,  3,     8,  7.222222222222222",
        "0,   13,    8,  0",
        "10,  19.99, 8,  128.71287128712882", // just below the setting: still convertible
        "10,  20,    8,  ", // at the setting (20 %): not convertible
        "10,  20.9,  8,  ",
        "10,  21,    8,  ",
        "10,  -1,    8,  ", // a negative O2 is no O2
        "10,  ,      8,  ", // no O2
        "10,  13,    ,   10" // a limit without reference O2: the measured value
    })
    void concentrationIsReferencedToTheLimitsO2(Double measured, Double o2, Double reference, Double expected) {
        Double referenced = jdbc.queryForObject(
                "SELECT cems_o2_referenced(?::double precision, ?::double precision, ?::double precision)",
                Double.class,
                measured,
                o2,
                reference);
        if (expected == null) {
            assertThat(referenced).isNull();
        } else {
            assertThat(referenced).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void referencedValueIsTheSentOneElseConvertedElseSaysWhyNot() {
        String d = "O2-BASIS";
        monitor(d, "1 minute", 8.0);
        Instant t = local("2025-11-01T10:00");
        // minute 0: ZsRtd sent (and no O2); 1: converted; 2: O2 missing; 3: O2 flagged D; 4: O2 20.5 %
        value(d, "a21026", "val", t, 20, "N");
        value(d, "a21026", "zs_val", t, 33, "N");
        for (int k = 1; k <= 4; k++) {
            value(d, "a21026", "val", t.plusSeconds(60L * k), 20, "N");
        }
        value(d, "a19001", "val", t.plusSeconds(60), 13, "N");
        value(d, "a19001", "val", t.plusSeconds(180), 13, "D");
        value(d, "a19001", "val", t.plusSeconds(240), 20.5, "N");

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT basis, value, usable FROM cems_referenced(?, ?) WHERE device_id = ? AND parameter = 'a21026'"
                        + " ORDER BY ts",
                ts(t),
                ts(t.plusSeconds(3600)),
                d);

        assertThat(rows)
                .extracting(r -> r.get("basis"))
                .containsExactly("sent", "converted", "o2_missing", "o2_invalid", "o2_too_high");
        assertThat(rows.get(0).get("value")).isEqualTo(33.0);
        assertThat((Double) rows.get(1).get("value")).isCloseTo(32.5, within(1e-9));
        assertThat(rows).extracting(r -> r.get("usable")).containsExactly(true, true, false, false, false);
        Map<String, Object> hour = jdbc.queryForMap(
                "SELECT not_convertible, not_convertible_reason, valid_minutes FROM cems_valid_hours(?, ?)"
                        + " WHERE device_id = ? AND parameter = 'a21026'",
                ts(t),
                ts(t.plusSeconds(3600)),
                d);
        assertThat(hour.get("not_convertible")).isEqualTo(3L);
        assertThat(hour.get("valid_minutes")).isEqualTo(2.0); // only the referenced values cover the hour
    }

    @ParameterizedTest(name = "{2} {1} values every {0} → {3} minutes, valid {4}")
    @CsvSource({
        "1 minute,   rt,   45, 45, true",
        "1 minute,   rt,   44, 44, false",
        "30 seconds, rt,   90, 45, true",
        "30 seconds, rt,   89, 44.5, false",
        "5 minutes,  rt,   9,  45, true",
        "5 minutes,  rt,   8,  40, false",
        "15 minutes, rt,   3,  45, true",
        "15 minutes, rt,   2,  30, false",
        "5 minutes,  min,  9,  45, true", // HJ 212 minute data every 5 minutes
        "1 hour,     hour, 1,  60, true" // an hourly-only logger's hourly value covers the hour
    })
    void validHourIsJudgedByTimeCoverageWhateverTheInterval(
            String interval, String period, int count, double minutes, boolean valid) {
        String d = "COV-" + interval.replace(' ', '-') + "-" + period + "-" + count;
        monitor(d, interval, null);
        Instant hour = local("2025-11-01T08:00");
        Duration step = Duration.parse("PT"
                + interval.replace(" minutes", "M")
                        .replace(" minute", "M")
                        .replace(" seconds", "S")
                        .replace(" hour", "H"));
        for (int k = 0; k < count; k++) {
            jdbc.update(
                    "INSERT INTO cems_reading (device_id, parameter, period, stat, ts, value) VALUES (?, 'a21026', ?, ?, ?, 20)",
                    d,
                    period,
                    period.equals("rt") ? "val" : "avg",
                    ts(hour.plus(step.multipliedBy(k))));
        }

        Map<String, Object> h = jdbc.queryForMap(
                "SELECT valid_minutes, valid_hour FROM cems_valid_hours(?, ?) WHERE device_id = ?",
                ts(hour),
                ts(hour.plusSeconds(3600)),
                d);

        assertThat((Double) h.get("valid_minutes")).isCloseTo(minutes, within(1e-9));
        assertThat(h.get("valid_hour")).isEqualTo(valid);
    }

    @Test
    void overRangeValueRaisesItsOwnAlertAndNormalValuesResolveIt() {
        Instant t = local("2025-11-03T08:00");
        batchRules.process(List.of(outcome(reading(t, 200, DataFlag.T))));

        Map<String, Object> alert =
                jdbc.queryForMap("SELECT severity, state, observed, target, evidence::text AS evidence FROM alert"
                        + " WHERE rule_id = 'MONITOR_OVER_RANGE' AND subject_id = 'STACK-T'");
        assertThat(alert.get("severity")).isEqualTo("breach");
        assertThat(alert.get("state")).isEqualTo("open");
        assertThat(alert.get("target")).isEqualTo(200.0);
        assertThat(json(alert.get("evidence")))
                .containsEntry("flag", "T")
                .containsEntry("invalid_for_means", true)
                .containsEntry("true_value_may_exceed", true)
                .containsEntry("o2_reference_pct", 8.0);

        batchRules.process(List.of(outcome(reading(t.plusSeconds(60), 12, DataFlag.N))));
        batchRules.process(List.of(outcome(reading(t.plusSeconds(120), 12, DataFlag.N))));

        assertThat(jdbc.queryForObject(
                        "SELECT state FROM alert WHERE rule_id = 'MONITOR_OVER_RANGE' AND subject_id = 'STACK-T'",
                        String.class))
                .isEqualTo("resolved");
    }

    @Test
    void driftBeyondTheOutOfControlTierInvalidatesDataUntilTheNextPassingCheck() {
        String d = "STACK-D";
        monitor(d, "1 minute", null);
        Instant hour = local("2025-11-02T10:00");
        for (int k = 0; k < 120; k++) { // two hours at 50 mg/m3 against a 30 limit
            value(d, "a21026", "val", hour.plusSeconds(60L * k), 50, "N");
        }
        Instant failing = hour.plusSeconds(20 * 60);
        Instant passing = hour.plusSeconds(50 * 60);
        // zero check reading 12 on a 200 range: 6 %F.S., beyond the 5 % out-of-control tier
        calibration(d, failing, 12);
        calibration(d, passing, 1);
        registry = new RegistrySnapshot(
                List.of(new Device(d, Family.CEMS, "烟囱D", Duration.ofMinutes(1), null, null, true)),
                List.of(),
                List.of(),
                List.of(new Monitor(d, Family.CEMS, "企业D", "总排口", null, null, false, true)),
                List.of(new MonitorParameter(d, "a21026", "mg/m3", 0, 200, 30.0, null, null)),
                List.of());
        batchRules.process(List.of(new Outcome(
                raw(),
                "json",
                d,
                List.of(),
                List.of(new Calibration(Family.CEMS, d, "a21026", CalibrationKind.ZERO, failing, 0, 12, 200.0, null)),
                List.of())));

        Map<String, Object> drift = json(jdbc.queryForObject(
                "SELECT evidence::text FROM alert WHERE rule_id = 'CEMS_CALIBRATION_DRIFT' AND subject_id = ?",
                String.class,
                d));
        assertThat(drift)
                .containsEntry("out_of_control", true)
                .containsEntry("out_of_control_pct", 5.0)
                .containsEntry("data_invalid_from", failing.toString())
                .containsEntry("data_invalid_until", "next_passing_check");
        List<RuleRunner.Judged> first =
                MonitorWindows.of(jdbc, catalogue::current, SHANGHAI).cemsHour(hour, NOW);
        List<RuleRunner.Judged> second =
                MonitorWindows.of(jdbc, catalogue::current, SHANGHAI).cemsHour(hour.plusSeconds(3600), NOW);
        assertThat(first).noneMatch(j -> j.verdict().subject().id().equals(d)); // 30 minutes left: not valid
        Verdict next = second.stream()
                .map(RuleRunner.Judged::verdict)
                .filter(v -> v.subject().id().equals(d))
                .findFirst()
                .orElseThrow();
        assertThat(next.isFinding()).isTrue();
        assertThat(next.evidence()).containsEntry("valid_minutes", 60.0).doesNotContainKey("values_out_of_control");
        Map<String, Object> h = jdbc.queryForMap(
                "SELECT valid_minutes, out_of_control FROM cems_valid_hours(?, ?) WHERE device_id = ?",
                ts(hour),
                ts(hour.plusSeconds(3600)),
                d);
        assertThat(h).containsEntry("valid_minutes", 30.0).containsEntry("out_of_control", 30L);
        Map<String, Object> day = jdbc.queryForMap(
                "SELECT valid_hours, out_of_control_hours FROM cems_daily_means(?, ?) WHERE device_id = ?",
                ts(local("2025-11-02T00:00")),
                ts(local("2025-11-03T00:00")),
                d);
        assertThat(day).containsEntry("valid_hours", 1L).containsEntry("out_of_control_hours", 1L);
    }

    @Test
    void eachFailingCheckIsOutOfControlUntilTheNextPassingCheckOfTheSameKind() {
        String d = "STACK-O";
        monitor(d, "1 minute", null);
        Instant t0 = local("2025-11-03T08:00");
        // zero checks on a 200 range (out of control beyond 5 %F.S. = 10): fail, fail, pass, fail (still open)
        calibration(d, t0, 12);
        calibration(d, t0.plusSeconds(3600), 15);
        calibration(d, t0.plusSeconds(7200), 1);
        calibration(d, t0.plusSeconds(10800), 11);
        // a span check of the same analyser beyond 10 %F.S. does not end with a passing zero check
        jdbc.update(
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, full_scale, family)"
                        + " VALUES (?, 'a21026', 'span', ?, 160, 130, 200, 'cems')",
                d,
                ts(t0.plusSeconds(1800)));
        List<String> periods = jdbc.queryForList(
                "SELECT kind || ' ' || to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') || '–'"
                        + " || CASE WHEN ends_at = 'infinity' THEN 'open'"
                        + " ELSE to_char(ends_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') END"
                        + " FROM cems_out_of_control WHERE device_id = ? ORDER BY starts_at, kind",
                String.class,
                d);
        assertThat(periods)
                .containsExactly("zero 08:00–10:00", "span 08:30–open", "zero 09:00–10:00", "zero 11:00–open");
    }

    @Test
    void zeroCheckWithoutFullScaleIsJudgedOnTheRegisteredRangeAndRaisesTheDriftAlert() {
        // GIVEN a zero check sent without full scale, reading 12 on an analyser registered 0–200
        String d = "STACK-Z";
        monitor(d, "1 minute", null);
        Instant at = local("2025-11-03T07:00");
        check(d, "a21026", "zero", at, 0, 12, null);

        // WHEN the batch that stored it is judged
        batchRules.process(List.of(calibrationOutcome(d, "a21026", CalibrationKind.ZERO, at, 0, 12)));

        // THEN 12 / 200 = 6 % of the span, beyond the 2.5 % allowed: a breach 3.5 points over
        Map<String, Object> alert = jdbc.queryForMap(
                "SELECT severity, observed, margin, evidence::text AS evidence FROM alert"
                        + " WHERE rule_id = 'CEMS_CALIBRATION_DRIFT' AND subject_id = ?",
                d);
        assertThat(alert.get("severity")).isEqualTo("breach");
        assertThat((Double) alert.get("observed")).isCloseTo(6.0, within(1e-9));
        assertThat((Double) alert.get("margin")).isCloseTo(3.5, within(1e-9));
        assertThat(json(alert.get("evidence")))
                .containsEntry("basis", "registered_range")
                .containsEntry("span", 200.0)
                .containsEntry("allowed_pct", 2.5);
    }

    @Test
    void zeroCheckWithoutAnySpanIsNotJudgeableAndSaysWhyWhileASpanCheckFallsBackToItsReference() {
        // GIVEN NOx (a21002), not registered on the monitor: no range; a zero and a span check, no full scale
        String d = "STACK-N";
        monitor(d, "1 minute", null);
        Instant at = local("2025-11-03T06:00");
        check(d, "a21002", "zero", at, 0, 3, null);
        check(d, "a21002", "span", at, 80, 84, null);

        batchRules.process(List.of(calibrationOutcome(d, "a21002", CalibrationKind.ZERO, at, 0, 3)));

        // THEN the zero check: a warning saying why it cannot be judged, not a pass
        Map<String, Object> alert = jdbc.queryForMap(
                "SELECT severity, observed, evidence::text AS evidence FROM alert"
                        + " WHERE rule_id = 'CEMS_CALIBRATION_DRIFT' AND subject_id = ?",
                d);
        assertThat(alert.get("severity")).isEqualTo("warning");
        assertThat(alert.get("observed")).isNull();
        assertThat(json(alert.get("evidence"))).containsEntry("judgeable", false);
        assertThat((String) json(alert.get("evidence")).get("not_judgeable_reason"))
                .contains("zero check with neither a full scale nor a registered range");
        // ... and the span check is judged on its reference: 4 / 80 = 5 %
        Map<String, Object> span = jdbc.queryForMap(
                "SELECT span_basis, deviation_pct, not_judgeable_reason FROM cems_calibration_deviation"
                        + " WHERE device_id = ? AND kind = 'span'",
                d);
        assertThat(span.get("span_basis")).isEqualTo("reference");
        assertThat((Double) span.get("deviation_pct")).isCloseTo(5.0, within(1e-9));
        assertThat(span.get("not_judgeable_reason")).isNull();
    }

    @ParameterizedTest(name = "{1} zero check {2} of {3}: {4} %F.S. against {5} %, breach {6}")
    @CsvSource({
        "FLOW-V28, a01011, 1.12, 40,  2.8, 3.0, false", // flow velocity (m/s): within HJ 75-2017 Table 4's ±3.0 %F.S.
        "FLOW-V32, a01011, 1.28, 40,  3.2, 3.0, true",
        "FLOW-Q28, a00000, 2.8,  100, 2.8, 3.0, false", // flue-gas flow: the flow-velocity CMS too
        "FLOW-Q32, a00000, 3.2,  100, 3.2, 3.0, true",
        "GAS-28,   a21026, 5.6,  200, 2.8, 2.5, true" // a gas analyser stays at ±2.5 %F.S.
    })
    void flowZeroCheckIsJudgedAgainstTheFlowAllowanceByRuleAndViewAlike(
            String d, String parameter, double measured, double fullScale, double pct, double allowed, boolean breach)
            throws Exception {
        // GIVEN the rule set in force published (rule_param) and a zero check sent with its full scale
        RuleCatalogue published = new RuleCatalogue(jdbc);
        try (var in = getClass().getResourceAsStream("/rules/rule-set.json")) {
            assertThat(published.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath"))
                    .isNull();
        }
        monitor(d, "1 minute", null);
        Instant at = local("2025-11-03T05:00");
        check(d, parameter, "zero", at, 0, measured, fullScale);

        // WHEN the batch that stored it is judged
        batchRules.process(List.of(new Outcome(
                raw(),
                "json",
                d,
                List.of(),
                List.of(new Calibration(
                        Family.CEMS, d, parameter, CalibrationKind.ZERO, at, 0, measured, fullScale, null)),
                List.of())));

        // THEN the view and the rule hold it to the same allowance and agree on the verdict
        Map<String, Object> view = jdbc.queryForMap(
                "SELECT deviation_pct, allowed_pct, excess_pp FROM cems_calibration_deviation WHERE device_id = ?", d);
        assertThat((Double) view.get("deviation_pct")).isCloseTo(pct, within(1e-9));
        assertThat((Double) view.get("allowed_pct")).isEqualTo(allowed);
        assertThat((Double) view.get("excess_pp") > 0).isEqualTo(breach);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM rule_subject_judged WHERE rule_id = 'CEMS_CALIBRATION_DRIFT'"
                                + " AND subject_id = ?",
                        Long.class,
                        d))
                .as("judged by the rule")
                .isOne();
        List<Map<String, Object>> alerts = jdbc.queryForList(
                "SELECT margin, evidence::text AS evidence FROM alert"
                        + " WHERE rule_id = 'CEMS_CALIBRATION_DRIFT' AND subject_id = ?",
                d);
        assertThat(alerts).hasSize(breach ? 1 : 0);
        if (breach) {
            assertThat(json(alerts.get(0).get("evidence"))).containsEntry("allowed_pct", allowed);
            assertThat((Double) alerts.get(0).get("margin")).isCloseTo((Double) view.get("excess_pp"), within(1e-9));
        }
    }

    private void check(
            String device, String parameter, String kind, Instant at, double reference, double measured, Double fs) {
        jdbc.update(
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, full_scale, family)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'cems')",
                device,
                parameter,
                kind,
                ts(at),
                reference,
                measured,
                fs);
    }

    private static Outcome calibrationOutcome(
            String device, String parameter, CalibrationKind kind, Instant at, double reference, double measured) {
        return new Outcome(
                raw(),
                "json",
                device,
                List.of(),
                List.of(new Calibration(Family.CEMS, device, parameter, kind, at, reference, measured, null, null)),
                List.of());
    }

    private void monitor(String id, String interval, Double o2Reference) {
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'cems', ?, ?::interval)",
                id,
                "烟囱" + id,
                interval);
        jdbc.update("INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES (?, 'cems', '企业', '总排口')", id);
        jdbc.update(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value, limit_o2_ref_pct)"
                        + " VALUES (?, 'a21026', 'mg/m3', 200, 30, ?), (?, 'a19001', '%', 25, NULL, NULL)",
                id, o2Reference, id);
    }

    private void value(String device, String parameter, String stat, Instant at, double value, String flag) {
        jdbc.update(
                "INSERT INTO cems_reading (device_id, parameter, period, stat, ts, value, flag, valid)"
                        + " VALUES (?, ?, 'rt', ?, ?, ?, ?, ?)",
                device,
                parameter,
                stat,
                ts(at),
                value,
                flag,
                "N".equals(flag));
    }

    private void calibration(String device, Instant at, double measured) {
        jdbc.update(
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, full_scale, family)"
                        + " VALUES (?, 'a21026', 'zero', ?, 0, ?, 200, 'cems')",
                device,
                ts(at),
                measured);
    }

    private static Reading reading(Instant at, double value, DataFlag flag) {
        return new Reading(
                Family.CEMS,
                "STACK-T",
                "a21026",
                at,
                Period.REALTIME,
                Statistic.VALUE,
                value,
                flag,
                flag == DataFlag.N,
                null);
    }

    private static Outcome outcome(Reading r) {
        return new Outcome(raw(), "hj212", r.deviceId(), List.of(r), List.of(), List.of());
    }

    private static RawMessage raw() {
        return new RawMessage("t", new byte[0], NOW, null, stored -> {});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Object text) {
        return JsonMapper.builder().build().readValue((String) text, Map.class);
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.from(t);
    }

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(SHANGHAI).toInstant();
    }
}
