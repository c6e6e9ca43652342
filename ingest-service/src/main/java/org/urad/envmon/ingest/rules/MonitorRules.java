package org.urad.envmon.ingest.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.urad.envmon.ingest.registry.MonitorParameter;

/** Online monitors: emission and discharge limits, fault frequency and effective transmission rate. */
public final class MonitorRules {

    /** HJ 212 codes used by the water rules. */
    public static final String NH3N = "w21003";

    public static final String WATER_TEMPERATURE = "w01010";
    public static final String PH = "w01001";

    private MonitorRules() {}

    /**
     * CEMS_EMISSION_LIMIT: the hour's mean at the limit's reference O2, judged only when the hour is
     * valid by time coverage (the valid-hour definition, V24). The evidence says how the
     * concentrations were referenced ({@code o2_basis}: {@code sent} 折算 values, {@code converted}
     * from the measured O2, {@code measured} for a limit without reference O2, or a mix), how many could
     * not be referenced and why, and how many values a drift check beyond the out-of-control tier made
     * invalid.
     */
    public static Optional<Verdict> hourlyEmission(
            Subject device, MonitorParameter mp, Instant hour, MonitorData.ValidHour h, RuleParams p) {
        if (mp.limitValue() == null || h.mean() == null || !h.validHour()) {
            return Optional.empty();
        }
        Subject s = device.withParameter(mp.parameter());
        Instant end = hour.plusSeconds(3600);
        Map<String, Object> evidence = new HashMap<>(Map.of(
                "parameter",
                mp.parameter(),
                "valid_minutes",
                h.validMinutes(),
                "limit",
                mp.limitValue(),
                "source",
                h.source(),
                "o2_basis",
                o2Basis(h),
                "readings_from",
                hour.toString(),
                "readings_to",
                end.toString()));
        if (mp.limitO2RefPct() != null) {
            evidence.put("o2_reference_pct", mp.limitO2RefPct());
            evidence.put("values_sent", h.sent());
            evidence.put("values_converted", h.converted());
        }
        if (h.notConvertible() > 0) {
            evidence.put("values_not_convertible", h.notConvertible());
            evidence.put("not_convertible_reason", h.notConvertibleReason());
        }
        if (h.outOfControl() > 0) {
            evidence.put("values_out_of_control", h.outOfControl());
        }
        if (h.overRange() > 0) {
            evidence.put("values_over_range", h.overRange());
        }
        return Optional.of(judgeUpper(
                Rule.CEMS_EMISSION_LIMIT, s, h.mean(), mp.limitValue(), mp.unit(), hour, end, Map.copyOf(evidence), p));
    }

    /** {@code sent}, {@code converted}, {@code measured}, or {@code sent+converted} when the hour holds both. */
    static String o2Basis(MonitorData.ValidHour h) {
        if (h.measured() > 0) {
            return "measured";
        }
        if (h.sent() > 0 && h.converted() > 0) {
            return "sent+converted";
        }
        return h.sent() > 0 ? "sent" : "converted";
    }

    /**
     * WQ_DISCHARGE_LIMIT on a day's mean. NH3-N is held to limit_cold when the day's mean water
     * temperature is at or below cold_temp_c; pH must stay within [limit_low, limit_value].
     */
    public static Optional<Verdict> dailyDischarge(
            Subject device,
            MonitorParameter mp,
            Instant day,
            Instant end,
            Double mean,
            Double waterTemp,
            RuleParams p) {
        if (mean == null || mp.limitValue() == null) {
            return Optional.empty();
        }
        Subject s = device.withParameter(mp.parameter());
        boolean cold = NH3N.equals(mp.parameter())
                && mp.limitCold() != null
                && waterTemp != null
                && waterTemp <= p.get("cold_temp_c");
        double limit = cold ? mp.limitCold() : mp.limitValue();
        var evidence = new java.util.HashMap<String, Object>(Map.of(
                "parameter",
                mp.parameter(),
                "limit",
                limit,
                "cold_limit_applied",
                cold,
                "readings_from",
                day.toString(),
                "readings_to",
                end.toString()));
        if (waterTemp != null) {
            evidence.put("water_temperature_c", waterTemp);
        }
        if (mp.limitLow() != null && mean < mp.limitLow()) {
            evidence.put("limit_low", mp.limitLow());
            return Optional.of(Verdict.finding(
                    Rule.WQ_DISCHARGE_LIMIT,
                    s,
                    Severity.BREACH,
                    day,
                    end,
                    mean,
                    mp.limitLow(),
                    mp.limitLow() - mean,
                    mp.unit(),
                    Map.copyOf(evidence)));
        }
        if (mp.limitLow() != null) {
            evidence.put("limit_low", mp.limitLow());
        }
        return Optional.of(
                judgeUpper(Rule.WQ_DISCHARGE_LIMIT, s, mean, limit, mp.unit(), day, end, Map.copyOf(evidence), p));
    }

    /** WQ_FAULT_FREQUENCY: the share of the day's values flagged D, F or B, accepted marks left out (wq_fault_share, V32). */
    public static Optional<Verdict> faultShare(
            Subject device, Instant day, Instant end, long total, long faulty, RuleParams p) {
        if (total == 0) {
            return Optional.empty();
        }
        double share = (double) faulty / total;
        Map<String, Object> evidence = Map.of(
                "values",
                total,
                "faulty_values",
                faulty,
                "readings_from",
                day.toString(),
                "readings_to",
                end.toString());
        double max = p.get("max_share");
        double warn = p.get("warn_share");
        Severity severity = share > max ? Severity.BREACH : share > warn ? Severity.WARNING : null;
        if (severity == null) {
            return Optional.of(Verdict.good(
                    Rule.WQ_FAULT_FREQUENCY, device, true, day, end, share * 100, max * 100, "%", evidence));
        }
        double target = severity == Severity.BREACH ? max : warn;
        return Optional.of(Verdict.finding(
                Rule.WQ_FAULT_FREQUENCY,
                device,
                severity,
                day,
                end,
                share * 100,
                target * 100,
                (share - target) * 100,
                "%",
                evidence));
    }

    /**
     * WQ_TRANSMISSION_RATE: the effective transmission rate of {@code transmission_rate} (V25: received ÷
     * expected × valid ÷ received, in per cent) against {@code target_pct}; nothing when no slot was expected.
     */
    static Optional<Verdict> transmission(
            Subject device, String scope, Instant start, Instant end, MonitorData.Transmission t, RuleParams p) {
        if (t.expected() <= 0 || t.ratePct() == null) {
            return Optional.empty();
        }
        double rate = t.ratePct();
        double target = p.get("target_pct");
        TargetDirection direction = p.direction("target_pct");
        Subject s = device.withParameter(scope);
        Map<String, Object> evidence = Map.of(
                "expected",
                t.expected(),
                "received",
                t.received(),
                "valid",
                t.valid(),
                "excluded",
                t.excluded(),
                "interval_s",
                t.intervalSeconds(),
                "scope",
                scope,
                "target",
                direction.symbol() + " " + target,
                "readings_from",
                start.toString(),
                "readings_to",
                end.toString());
        if (!direction.met(rate, target)) {
            return Optional.of(Verdict.finding(
                    Rule.WQ_TRANSMISSION_RATE,
                    s,
                    Severity.BREACH,
                    start,
                    end,
                    rate,
                    target,
                    target - rate,
                    "%",
                    evidence));
        }
        return Optional.of(Verdict.good(Rule.WQ_TRANSMISSION_RATE, s, true, start, end, rate, target, "%", evidence));
    }

    private static Verdict judgeUpper(
            Rule rule,
            Subject s,
            double mean,
            double limit,
            String unit,
            Instant start,
            Instant end,
            Map<String, Object> evidence,
            RuleParams p) {
        if (mean > limit) {
            return Verdict.finding(rule, s, Severity.BREACH, start, end, mean, limit, mean - limit, unit, evidence);
        }
        boolean clear = mean <= limit * p.get("clear_share");
        return Verdict.good(rule, s, clear, start, end, mean, limit, unit, evidence);
    }
}
