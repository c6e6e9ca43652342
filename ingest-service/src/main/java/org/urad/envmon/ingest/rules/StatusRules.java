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
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("interval_hours", allowedH);
        evidence.put("last", last == null ? "never" : last.toString());
        evidence.put("as_of", now.toString());
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

    /** DEVICE_SILENT: no data for {@code intervals} reporting intervals. */
    public static Verdict silent(
            Subject device, Instant lastSeen, Instant now, Duration reportingInterval, RuleParams p) {
        Duration allowed = reportingInterval.multipliedBy(Math.max(1, Math.round(p.get("intervals"))));
        return overdue(Rule.DEVICE_SILENT, device, lastSeen, now, allowed);
    }
}
