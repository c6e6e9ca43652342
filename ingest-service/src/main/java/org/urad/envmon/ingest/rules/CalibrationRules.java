package org.urad.envmon.ingest.rules;

import java.util.Map;
import java.util.Optional;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;

/** Report item 30: a CEMS calibration result against the allowed deviation (HJ 75-2017). */
public final class CalibrationRules {

    /** HJ 212 code of particulate, which has the tighter 2.0 % allowance. */
    public static final String PARTICULATE = "a34013";

    private CalibrationRules() {}

    /**
     * Deviation % = |measured − reference| / basis × 100, basis = the full scale when the result
     * gives one, else the reference value. A finding states the excess over the allowed deviation in
     * percentage points (50 % against 2.5 % allowed → 47.5). Comparison results are not drift checks.
     */
    public static Optional<Verdict> drift(Calibration c, Subject device, RuleParams p) {
        if (c.kind() == CalibrationKind.COMPARISON) {
            return Optional.empty();
        }
        double basis = c.fullScale() != null && c.fullScale() > 0 ? c.fullScale() : Math.abs(c.reference());
        if (basis == 0) {
            return Optional.empty();
        }
        double deviation = Math.abs(c.measured() - c.reference()) / basis * 100;
        double allowed =
                PARTICULATE.equals(c.parameter()) ? p.get("allowed_pct_particulate") : p.get("allowed_pct_gas");
        Map<String, Object> evidence = Map.of(
                "kind", c.kind().code(),
                "parameter", c.parameter(),
                "reference", c.reference(),
                "measured", c.measured(),
                "basis", c.fullScale() != null && c.fullScale() > 0 ? "full_scale" : "reference",
                "deviation_pct", deviation,
                "allowed_pct", allowed,
                "readings_from", c.time().toString(),
                "readings_to", c.time().toString());
        Subject s = device.withParameter(c.parameter());
        if (deviation > allowed) {
            return Optional.of(Verdict.finding(
                    Rule.CEMS_CALIBRATION_DRIFT,
                    s,
                    Severity.BREACH,
                    c.time(),
                    c.time(),
                    deviation,
                    allowed,
                    deviation - allowed,
                    "%",
                    evidence));
        }
        return Optional.of(Verdict.good(
                Rule.CEMS_CALIBRATION_DRIFT, s, true, c.time(), c.time(), deviation, allowed, "%", evidence));
    }
}
