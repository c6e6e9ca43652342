package org.urad.envmon.ingest.rules;

import java.time.Instant;
import java.util.Map;

/**
 * One evaluation of one rule for one subject over one period: a finding ({@code severity} set) or a
 * good result. A good result is {@code clear} when the value is far enough from the limit to count
 * towards resolving an open alert (hysteresis); a good value hovering at the limit is not.
 *
 * @param margin how far past the target, in {@code unit} (for calibration drift: percentage points)
 * @param evidence what the judgement was made on (readings' time range, counts, the limit used)
 */
public record Verdict(
        Rule rule,
        Subject subject,
        Severity severity,
        boolean clear,
        Instant periodStart,
        Instant periodEnd,
        Double observed,
        Double target,
        Double margin,
        String unit,
        Map<String, Object> evidence) {

    public boolean isFinding() {
        return severity != null;
    }

    /** The same verdict with other evidence. */
    public Verdict withEvidence(Map<String, Object> other) {
        return new Verdict(
                rule,
                subject,
                severity,
                clear,
                periodStart,
                periodEnd,
                observed,
                target,
                margin,
                unit,
                Map.copyOf(other));
    }

    public static Verdict finding(
            Rule rule,
            Subject subject,
            Severity severity,
            Instant start,
            Instant end,
            Double observed,
            Double target,
            Double margin,
            String unit,
            Map<String, Object> evidence) {
        return new Verdict(rule, subject, severity, false, start, end, observed, target, margin, unit, evidence);
    }

    public static Verdict good(
            Rule rule,
            Subject subject,
            boolean clear,
            Instant start,
            Instant end,
            Double observed,
            Double target,
            String unit,
            Map<String, Object> evidence) {
        return new Verdict(rule, subject, null, clear, start, end, observed, target, null, unit, evidence);
    }
}
