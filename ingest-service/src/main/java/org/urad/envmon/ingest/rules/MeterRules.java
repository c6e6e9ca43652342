package org.urad.envmon.ingest.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Well meters: faults (METER_ANOMALY) and abstraction against allocations (WELL_QUOTA, item (八).2). */
public final class MeterRules {

    private MeterRules() {}

    /**
     * Two successive cumulative readings: the total must not go backwards (beyond a tolerance), and
     * the volume between them must not imply a flow the pump cannot deliver.
     */
    public static Verdict cumulative(
            Subject well, double previous, Instant previousAt, double current, Instant currentAt, RuleParams p) {
        Map<String, Object> evidence = Map.of(
                "previous_m3",
                previous,
                "current_m3",
                current,
                "readings_from",
                previousAt.toString(),
                "readings_to",
                currentAt.toString());
        double back = previous - current;
        if (back > p.get("backward_tolerance_m3")) {
            return Verdict.finding(
                    Rule.METER_ANOMALY,
                    well,
                    Severity.BREACH,
                    previousAt,
                    currentAt,
                    current,
                    previous,
                    back,
                    "m3",
                    withKind(evidence, "backwards"));
        }
        double hours = Duration.between(previousAt, currentAt).toMillis() / 3_600_000.0;
        double max = p.get("max_flow_m3h");
        if (hours > 0 && (current - previous) / hours > max) {
            double flow = (current - previous) / hours;
            return Verdict.finding(
                    Rule.METER_ANOMALY,
                    well,
                    Severity.BREACH,
                    previousAt,
                    currentAt,
                    flow,
                    max,
                    flow - max,
                    "m3/h",
                    withKind(evidence, "implied_flow"));
        }
        return Verdict.good(Rule.METER_ANOMALY, well, true, previousAt, currentAt, current, previous, "m3", evidence);
    }

    /** An instantaneous flow reading above what a well can deliver. */
    public static Optional<Verdict> flow(Subject well, double flowM3h, Instant at, RuleParams p) {
        double max = p.get("max_flow_m3h");
        if (flowM3h > max) {
            return Optional.of(Verdict.finding(
                    Rule.METER_ANOMALY,
                    well,
                    Severity.BREACH,
                    at,
                    at,
                    flowM3h,
                    max,
                    flowM3h - max,
                    "m3/h",
                    Map.of("kind", "impossible_flow", "readings_from", at.toString(), "readings_to", at.toString())));
        }
        return Optional.empty();
    }

    /** Year-to-date abstraction against the annual allocation: warning at warn_share, breach at breach_share. */
    public static Optional<Verdict> quota(
            Subject subject, double ytdM3, Double allocationM3, Instant yearStart, Instant asOf, RuleParams p) {
        if (allocationM3 == null || allocationM3 <= 0) {
            return Optional.empty();
        }
        double share = ytdM3 / allocationM3;
        Map<String, Object> evidence = Map.of(
                "ytd_m3",
                ytdM3,
                "allocation_m3",
                allocationM3,
                "share",
                share,
                "readings_from",
                yearStart.toString(),
                "readings_to",
                asOf.toString());
        Severity severity = share >= p.get("breach_share")
                ? Severity.BREACH
                : share >= p.get("warn_share") ? Severity.WARNING : null;
        if (severity == null) {
            return Optional.of(
                    Verdict.good(Rule.WELL_QUOTA, subject, true, yearStart, asOf, ytdM3, allocationM3, "m3", evidence));
        }
        double target = severity == Severity.BREACH ? allocationM3 : allocationM3 * p.get("warn_share");
        return Optional.of(Verdict.finding(
                Rule.WELL_QUOTA,
                subject,
                severity,
                yearStart,
                asOf,
                ytdM3,
                allocationM3,
                ytdM3 - target,
                "m3",
                evidence));
    }

    private static Map<String, Object> withKind(Map<String, Object> evidence, String kind) {
        var m = new java.util.HashMap<>(evidence);
        m.put("kind", kind);
        return Map.copyOf(m);
    }
}
