package org.urad.envmon.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.registry.MonitorParameter;

/**
 * MONITOR_OVER_RANGE: a value flagged T (above the measuring upper limit, HJ 212-2017 Table 8) is
 * invalid for means, and a point check of its own: a saturated analyser reads its full scale while the
 * emission may be far above it, so the exceedance it hides is raised here.
 */
public final class OverRangeRules {

    private OverRangeRules() {}

    /**
     * A T-flagged value is a finding (a breach when it is above the limit already, else a warning);
     * any other value of the same analyser is a good check that lets the alert resolve.
     */
    public static Verdict judge(Subject device, Reading r, MonitorParameter mp, RuleParams p) {
        Subject s = device.withParameter(r.parameter());
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("parameter", r.parameter());
        evidence.put("flag", r.flag().name());
        evidence.put("value", r.value());
        evidence.put("period", r.period().code());
        evidence.put("statistic", r.statistic().code());
        evidence.put("readings_from", r.time().toString());
        evidence.put("readings_to", r.time().toString());
        Double rangeMax = mp == null ? null : mp.rangeMax();
        Double limit = mp == null ? null : mp.limitValue();
        if (limit != null) {
            evidence.put("limit", limit);
        }
        if (mp != null && mp.limitO2RefPct() != null) {
            evidence.put("o2_reference_pct", mp.limitO2RefPct());
        }
        String unit = mp == null ? "" : mp.unit();
        if (r.flag() != DataFlag.T) {
            return Verdict.good(
                    Rule.MONITOR_OVER_RANGE,
                    s,
                    true,
                    r.time(),
                    r.time(),
                    r.value(),
                    rangeMax,
                    unit,
                    Map.copyOf(evidence));
        }
        evidence.put("invalid_for_means", true);
        evidence.put("true_value_may_exceed", true);
        if (rangeMax != null) {
            evidence.put("range_max", rangeMax);
        }
        Severity severity = limit != null && r.value() > limit ? Severity.BREACH : Severity.WARNING;
        double target = rangeMax != null ? rangeMax : r.value();
        return Verdict.finding(
                Rule.MONITOR_OVER_RANGE,
                s,
                severity,
                r.time(),
                r.time(),
                r.value(),
                target,
                r.value() - target,
                unit,
                Map.copyOf(evidence));
    }
}
