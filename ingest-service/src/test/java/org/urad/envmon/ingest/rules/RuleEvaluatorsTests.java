package org.urad.envmon.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.registry.MonitorParameter;

/** Verifies each rule's judgement at and around its boundaries. */
class RuleEvaluatorsTests {

    private static final Instant T = Instant.parse("2025-06-01T00:00:00Z");
    private static final Subject DEVICE = Subject.of(Subject.Kind.DEVICE, "D1", "设备1");

    @ParameterizedTest(name = "{0} measured {2} vs reference {1} (full scale {3}) → {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                "a21026, 100, 50,    null, 47.5", // the report's finding: 50 % deviation, 2.5 allowed
                "a21026, 100, 102.5, null, ", // exactly at the allowance: not a breach
                "a21026, 100, 102.6, null, 0.1",
                "a34013, 100, 102.5, null, 0.5", // particulate: 2.0 % allowed
                "a21026, 100, 110,   400,  " // 10 / 400 = 2.5 %F.S.
            })
    void calibrationDriftStatesTheExcessInPercentagePoints(
            String parameter, double reference, double measured, Double fullScale, Double excess) {
        var c = new Calibration(
                Family.CEMS, "D1", parameter, CalibrationKind.SPAN, T, reference, measured, fullScale, null);
        double span = fullScale != null ? fullScale : reference;
        var d = new CalibrationDeviation(
                span,
                fullScale != null ? "full_scale" : "reference",
                Math.abs(measured - reference) / span * 100,
                null,
                parameter.equals("a34013") ? "allowed_pct_particulate" : "allowed_pct_gas");
        Verdict v = CalibrationRules.drift(c, d, DEVICE, RuleParams.defaults(Rule.CEMS_CALIBRATION_DRIFT));
        assertThat(v.isFinding()).isEqualTo(excess != null);
        if (excess != null) {
            assertThat(v.margin()).isCloseTo(excess, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void calibrationWithoutSpanIsAWarningSayingWhyNeverAPass() {
        var c = new Calibration(Family.CEMS, "D1", "a21026", CalibrationKind.ZERO, T, 0, 12, null, null);
        var d = new CalibrationDeviation(null, null, null, "no span", "allowed_pct_gas");

        Verdict v = CalibrationRules.drift(c, d, DEVICE, RuleParams.defaults(Rule.CEMS_CALIBRATION_DRIFT));

        assertThat(v.isFinding()).isTrue();
        assertThat(v.severity()).isEqualTo(Severity.WARNING);
        assertThat(v.observed()).isNull();
        assertThat(v.evidence()).containsEntry("judgeable", false).containsEntry("not_judgeable_reason", "no span");
        assertThat(AlertText.zh(v, ZoneId.of("Asia/Shanghai"))).contains("无法判定校准偏差");
    }

    @ParameterizedTest(name = "level {0} vs control 1000 → finding {1}, clear {2}")
    @CsvSource({"994.8, true, false", "1000, false, false", "1000.05, false, false", "1000.1, false, true"})
    void controlLevelHasAClearBandSoAHoveringLevelDoesNotResolve(double level, boolean finding, boolean clear) {
        Verdict v = GroundwaterRules.belowControlLevel(
                DEVICE, level, 1000, T, T, RuleParams.defaults(Rule.GW_BELOW_CONTROL_LEVEL));
        assertThat(v.isFinding()).isEqualTo(finding);
        assertThat(v.clear()).isEqualTo(clear);
    }

    @Test
    void consecutiveDeclineWarnsAtThreeAndBreachesAtFourQuarters() {
        Map<YearMonth, Double> means = new HashMap<>();
        double level = 100;
        for (YearMonth q = YearMonth.of(2020, 10); !q.isAfter(YearMonth.of(2021, 10)); q = q.plusMonths(3)) {
            means.put(q, level);
            level -= 0.2;
        }
        QuarterClock clock = new QuarterClock(ZoneId.of("Asia/Shanghai"));
        RuleParams p = RuleParams.defaults(Rule.GW_CONSECUTIVE_DECLINE);
        assertThat(GroundwaterRules.consecutiveDecline(DEVICE, YearMonth.of(2021, 7), means, clock, p)
                        .orElseThrow()
                        .severity())
                .isEqualTo(Severity.WARNING);
        Verdict breach = GroundwaterRules.consecutiveDecline(DEVICE, YearMonth.of(2021, 10), means, clock, p)
                .orElseThrow();
        assertThat(breach.severity()).isEqualTo(Severity.BREACH);
        assertThat(breach.periodStart()).isEqualTo(Instant.parse("2020-12-31T16:00:00Z")); // 2021-01-01 local
    }

    @ParameterizedTest(name = "ytd {0} of 1000 → {1}")
    @CsvSource(
            nullValues = "null",
            value = {"899, null", "900, WARNING", "999, WARNING", "1000, BREACH"})
    void quotaWarnsAtNinetyPerCentAndBreachesAtTheAllocation(double ytd, Severity expected) {
        Verdict v = MeterRules.quota(DEVICE, ytd, 1000.0, T, T, RuleParams.defaults(Rule.WELL_QUOTA))
                .orElseThrow();
        assertThat(v.severity()).isEqualTo(expected);
    }

    @Test
    void meterGoingBackwardsIsAnAnomaly() {
        RuleParams p = RuleParams.defaults(Rule.METER_ANOMALY);
        assertThat(MeterRules.cumulative(DEVICE, 100, T, 90, T.plusSeconds(3600), p)
                        .isFinding())
                .isTrue();
        assertThat(MeterRules.cumulative(DEVICE, 100, T, 99.8, T.plusSeconds(3600), p)
                        .isFinding())
                .isFalse();
        assertThat(MeterRules.cumulative(DEVICE, 100, T, 700, T.plusSeconds(3600), p)
                        .isFinding())
                .isTrue();
    }

    @ParameterizedTest(name = "NH3-N mean {0} at {1} °C → finding {2}")
    @CsvSource({"6, 20, true", "6, 12, false", "8.5, 11, true", "5, 20, false"})
    void ammoniaLimitSwitchesWhenTheWaterIsCold(double mean, double temperature, boolean finding) {
        var mp = new MonitorParameter("D1", MonitorRules.NH3N, "mg/L", 0, 50, 5.0, null, 8.0);
        Verdict v = MonitorRules.dailyDischarge(
                        DEVICE,
                        mp,
                        T,
                        T.plusSeconds(86400),
                        mean,
                        temperature,
                        RuleParams.defaults(Rule.WQ_DISCHARGE_LIMIT))
                .orElseThrow();
        assertThat(v.isFinding()).isEqualTo(finding);
    }

    @Test
    void hourlyEmissionIsJudgedOnlyOnAValidHourAndSaysHowItWasReferenced() {
        var mp = new MonitorParameter("D1", "a21026", "mg/m3", 0, 200, 30.0, null, null, 8.0);
        RuleParams p = RuleParams.defaults(Rule.CEMS_EMISSION_LIMIT);
        var invalid = new MonitorData.ValidHour("realtime_minute", 44, false, 80.0, 0, 44, 0, 0, null, 0, 0);
        var mixed = new MonitorData.ValidHour("realtime_minute", 50, true, 80.0, 10, 40, 0, 6, "o2_too_high", 4, 1);

        assertThat(MonitorRules.hourlyEmission(DEVICE, mp, T, invalid, p)).isEmpty();
        Verdict v = MonitorRules.hourlyEmission(DEVICE, mp, T, mixed, p).orElseThrow();
        assertThat(v.margin()).isEqualTo(50.0);
        assertThat(v.evidence())
                .containsEntry("o2_basis", "sent+converted")
                .containsEntry("o2_reference_pct", 8.0)
                .containsEntry("values_not_convertible", 6L)
                .containsEntry("not_convertible_reason", "o2_too_high")
                .containsEntry("values_out_of_control", 4L)
                .containsEntry("values_over_range", 1L);
    }

    @Test
    void overRangeValueIsItsOwnFindingAndANormalValueClearsIt() {
        var mp = new MonitorParameter("D1", "a21026", "mg/m3", 0, 200, 30.0, null, null, 8.0);
        RuleParams p = RuleParams.defaults(Rule.MONITOR_OVER_RANGE);
        Reading saturated = new Reading(
                Family.CEMS, "D1", "a21026", T, Period.REALTIME, Statistic.VALUE, 200, DataFlag.T, false, null);
        Reading normal = new Reading(
                Family.CEMS, "D1", "a21026", T, Period.REALTIME, Statistic.VALUE, 12, DataFlag.N, true, null);

        Verdict v = OverRangeRules.judge(DEVICE, saturated, mp, p);
        assertThat(v.severity()).isEqualTo(Severity.BREACH); // 200 already above the 30 limit
        assertThat(v.evidence())
                .containsEntry("flag", "T")
                .containsEntry("range_max", 200.0)
                .containsEntry("invalid_for_means", true)
                .containsEntry("true_value_may_exceed", true);
        assertThat(OverRangeRules.judge(DEVICE, normal, mp, p).isFinding()).isFalse();
        var wide = new MonitorParameter("D1", "a21026", "mg/m3", 0, 20, 30.0, null, null, 8.0);
        Reading low = new Reading(
                Family.CEMS, "D1", "a21026", T, Period.REALTIME, Statistic.VALUE, 20, DataFlag.T, false, null);
        assertThat(OverRangeRules.judge(DEVICE, low, wide, p).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void transmissionRateIsJudgedAsDefinedWithItsCountsInTheEvidence() {
        Verdict v = MonitorRules.transmission(
                        DEVICE,
                        "day",
                        T,
                        T,
                        new MonitorData.Transmission(3600, 23, 23, 22, 1, 100.0 * 22 / 23),
                        RuleParams.defaults(Rule.WQ_TRANSMISSION_RATE))
                .orElseThrow();
        assertThat(v.observed()).isCloseTo(95.65, org.assertj.core.data.Offset.offset(0.01));
        assertThat(v.isFinding()).isTrue();
        assertThat(v.evidence()).containsEntry("excluded", 1L).containsEntry("expected", 23L);
        assertThat(MonitorRules.transmission(
                        DEVICE,
                        "day",
                        T,
                        T,
                        new MonitorData.Transmission(3600, 0, 0, 0, 24, null),
                        RuleParams.defaults(Rule.WQ_TRANSMISSION_RATE)))
                .isEmpty();
    }

    @Test
    void transmissionTargetWrittenWithADirectionIsJudgedThatWay() {
        RuleSet set = RuleSetParser.parse("""
                {"version": "t1", "rules": {"WQ_TRANSMISSION_RATE": {"params": {"target_pct": ">= 98"}}},
                 "overrides": [{"rule": "WQ_TRANSMISSION_RATE", "subject": "D9", "params": {"target_pct": "> 98"}}]}
                """);
        var exactly98 = new MonitorData.Transmission(3600, 50, 50, 49, 0, 98.0);
        Verdict atLeast = MonitorRules.transmission(
                        DEVICE, "day", T, T, exactly98, set.params(Rule.WQ_TRANSMISSION_RATE, "D1"))
                .orElseThrow();
        Verdict strictly = MonitorRules.transmission(
                        DEVICE, "day", T, T, exactly98, set.params(Rule.WQ_TRANSMISSION_RATE, "D9"))
                .orElseThrow();

        assertThat(atLeast.isFinding()).isFalse();
        assertThat(strictly.isFinding()).isTrue();
        assertThat(strictly.evidence()).containsEntry("target", "> 98.0");
        assertThatThrownBy(() -> RuleSetParser.parse("""
                        {"version": "t2", "rules": {"WQ_TRANSMISSION_RATE": {"params": {"target_pct": "≤ 98"}}}}
                        """)).hasMessageContaining("at least");
        assertThatThrownBy(() -> RuleSetParser.parse("""
                        {"version": "t3", "rules": {"DEVICE_SILENT": {"params": {"intervals": "≥ 3"}}}}
                        """)).hasMessageContaining("not a target");
    }

    @Test
    void ruleSetOverridesApplyPerSubjectAndBadSetsAreRefused() {
        RuleSet set = RuleSetParser.parse("""
                {"version": "t1", "rules": {"CEMS_CALIBRATION_DRIFT": {"params": {"allowed_pct_gas": 3}}},
                 "overrides": [{"rule": "CEMS_CALIBRATION_DRIFT", "subject": "PLANT-A", "params": {"allowed_pct_gas": 5}}]}
                """);
        assertThat(set.params(Rule.CEMS_CALIBRATION_DRIFT, "D9").get("allowed_pct_gas"))
                .isEqualTo(3.0);
        assertThat(set.params(Rule.CEMS_CALIBRATION_DRIFT, "D9", "PLANT-A").get("allowed_pct_gas"))
                .isEqualTo(5.0);
        assertThatThrownBy(() -> RuleSetParser.parse("{\"version\": \"t2\", \"rules\": {\"NO_SUCH\": {}}}"))
                .hasMessageContaining("unknown rule \"NO_SUCH\"");
        assertThatThrownBy(() -> RuleSetParser.parse(
                        "{\"version\": \"t3\", \"rules\": {\"WELL_QUOTA\": {\"params\": {\"warn_share\": -1}}}}"))
                .hasMessageContaining("rules.WELL_QUOTA.warn_share");

        RuleCatalogue catalogue = new RuleCatalogue(null);
        assertThat(catalogue.load("{\"version\": \"good\"}", "test")).isNull();
        assertThat(catalogue.load("{\"rules\": {}}", "test")).contains("version");
        assertThat(catalogue.current().version()).isEqualTo("good");
    }
}
