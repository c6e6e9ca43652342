package org.urad.envmon.ingest.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Rules judged on the state now: overdue calibrations and comparisons, silent devices. */
public final class StatusRules {

    private StatusRules() {}

    /**
     * Nothing within {@code interval} before {@code now}: a breach whose margin is the time overdue,
     * in hours. {@code last} is {@code null} when there never was a record.
     */
    public static Verdict overdue(Rule rule, Subject subject, Instant last, Instant now, Duration interval) {
        double allowedH = interval.toMinutes() / 60.0;
        Map<String, Object> evidence = evidence(allowedH, last, now);
        if (last == null) {
            return Verdict.finding(
                    rule, subject, Severity.BREACH, null, now, null, allowedH, null, "h", Map.copyOf(evidence));
        }
        double ageH = Duration.between(last, now).toMinutes() / 60.0;
        if (ageH > allowedH) {
            return Verdict.finding(
                    rule,
                    subject,
                    Severity.BREACH,
                    last,
                    now,
                    ageH,
                    allowedH,
                    ageH - allowedH,
                    "h",
                    Map.copyOf(evidence));
        }
        return Verdict.good(rule, subject, true, last, now, ageH, allowedH, "h", Map.copyOf(evidence));
    }

    /** DEVICE_SILENT's allowed time: {@code intervals} (at least 1) × the device's reporting interval. */
    public static Duration allowed(Duration reportingInterval, RuleParams p) {
        return reportingInterval.multipliedBy(Math.max(1, Math.round(p.get("intervals"))));
    }

    /**
     * DEVICE_SILENT: nothing received for more than {@code intervals} reporting intervals, exactly (no whole
     * minutes), the definition of {@code device_silence} (V40). {@code silent} is that function's verdict
     * for this device, or {@code null} where it does not apply (a last contact from before its look-back,
     * another {@code intervals} than the rule set in force gives the device); then the same arithmetic is done here. Age and allowed time
     * in hours, to the millisecond.
     */
    public static Verdict silent(
            Subject device, Instant lastSeen, Instant now, Duration reportingInterval, RuleParams p, Boolean silent) {
        Duration allowed = allowed(reportingInterval, p);
        double allowedH = allowed.toMillis() / 3_600_000.0;
        Map<String, Object> evidence = evidence(allowedH, lastSeen, now);
        if (lastSeen == null) {
            return Verdict.finding(
                    Rule.DEVICE_SILENT,
                    device,
                    Severity.BREACH,
                    null,
                    now,
                    null,
                    allowedH,
                    null,
                    "h",
                    Map.copyOf(evidence));
        }
        Instant since = lastSeen.plus(allowed);
        evidence.put("silent_since", since.toString());
        double ageH = Duration.between(lastSeen, now).toMillis() / 3_600_000.0;
        if (silent != null ? silent : now.isAfter(since)) {
            return Verdict.finding(
                    Rule.DEVICE_SILENT,
                    device,
                    Severity.BREACH,
                    lastSeen,
                    now,
                    ageH,
                    allowedH,
                    ageH - allowedH,
                    "h",
                    Map.copyOf(evidence));
        }
        return Verdict.good(Rule.DEVICE_SILENT, device, true, lastSeen, now, ageH, allowedH, "h", Map.copyOf(evidence));
    }

    /** What both checks show: the allowed time in hours, the last record ("never" without one), the moment judged. */
    private static Map<String, Object> evidence(double allowedH, Instant last, Instant now) {
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("interval_hours", allowedH);
        evidence.put("last", last == null ? "never" : last.toString());
        evidence.put("as_of", now.toString());
        return evidence;
    }
}
