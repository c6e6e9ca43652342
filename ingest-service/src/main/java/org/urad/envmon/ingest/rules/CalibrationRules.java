package org.urad.envmon.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import org.urad.envmon.ingest.reading.Calibration;

/** Report item 30: a CEMS calibration result against the allowed deviation (HJ 75-2017 Table 4). */
public final class CalibrationRules {

    private CalibrationRules() {}

    /**
     * Judges a check's deviation ({@link CalibrationDeviation}, the definition of V26) against the rule set's
     * allowed deviation. A finding states the excess in percentage points (50 % against 2.5 % allowed →
     * 47.5). A check without a span (a zero check with neither full scale nor registered range) is not
     * judgeable: a warning saying why, never a silent pass.
     */
    public static Verdict drift(Calibration c, CalibrationDeviation d, Subject device, RuleParams p) {
        double allowed = p.get(d.allowedParam());
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("kind", c.kind().code());
        evidence.put("parameter", c.parameter());
        evidence.put("reference", c.reference());
        evidence.put("measured", c.measured());
        evidence.put("allowed_pct", allowed);
        evidence.put("readings_from", c.time().toString());
        evidence.put("readings_to", c.time().toString());
        Subject s = device.withParameter(c.parameter());
        if (!d.judgeable()) {
            evidence.put("judgeable", false);
            evidence.put("not_judgeable_reason", d.notJudgeableReason());
            return Verdict.finding(
                    Rule.CEMS_CALIBRATION_DRIFT,
                    s,
                    Severity.WARNING,
                    c.time(),
                    c.time(),
                    null,
                    allowed,
                    null,
                    "%",
                    Map.copyOf(evidence));
        }
        double deviation = d.deviationPct();
        evidence.put("span", d.span());
        evidence.put("basis", d.spanBasis());
        evidence.put("deviation_pct", deviation);
        if (deviation > allowed) {
            return Verdict.finding(
                    Rule.CEMS_CALIBRATION_DRIFT,
                    s,
                    Severity.BREACH,
                    c.time(),
                    c.time(),
                    deviation,
                    allowed,
                    deviation - allowed,
                    "%",
                    Map.copyOf(evidence));
        }
        return Verdict.good(
                Rule.CEMS_CALIBRATION_DRIFT,
                s,
                true,
                c.time(),
                c.time(),
                deviation,
                allowed,
                "%",
                Map.copyOf(evidence));
    }
}
