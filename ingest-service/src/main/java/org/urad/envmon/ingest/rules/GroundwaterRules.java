package org.urad.envmon.ingest.rules;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

/**
 * Report item (八): groundwater levels of the over-exploitation zone and its control wells. Quarters
 * are keyed by their first month (2021-01, 2021-04, …); all periods are local (Asia/Shanghai).
 */
public final class GroundwaterRules {

    /** Levels are stored to the millimetre; differences within this are equal, not past a limit. */
    static final double EPSILON = 1e-6;

    private GroundwaterRules() {}

    /** A control well's mean level over a quarter against its control level (a period verdict). */
    public static Verdict belowControlLevel(
            Subject well, double level, double controlLevel, Instant start, Instant end, RuleParams p) {
        return belowControlLevel(Rule.GW_BELOW_CONTROL_LEVEL, well, level, controlLevel, start, end, p);
    }

    /** A control well's single reading against its control level (a point check with its own alert). */
    public static Verdict readingBelowControlLevel(
            Subject well, double level, double controlLevel, Instant at, RuleParams p) {
        return belowControlLevel(Rule.GW_READING_BELOW_CONTROL_LEVEL, well, level, controlLevel, at, at, p);
    }

    /** A level against the control level; margin = depth below, m. */
    private static Verdict belowControlLevel(
            Rule rule, Subject well, double level, double controlLevel, Instant start, Instant end, RuleParams p) {
        double below = controlLevel - level;
        Map<String, Object> evidence = Map.of(
                "level_m",
                level,
                "control_level_m",
                controlLevel,
                "readings_from",
                start.toString(),
                "readings_to",
                end.toString());
        if (below > p.get("tolerance_m") + EPSILON) {
            return Verdict.finding(rule, well, Severity.BREACH, start, end, level, controlLevel, below, "m", evidence);
        }
        boolean clear = -below >= p.get("clear_m");
        return Verdict.good(rule, well, clear, start, end, level, controlLevel, "m", evidence);
    }

    /** The quarter's mean against the same quarter a year earlier; a decline over the limit is a breach. */
    public static Optional<Verdict> yoyDecline(
            Subject subject,
            YearMonth quarter,
            Map<YearMonth, Double> quarterlyMeans,
            Instant start,
            Instant end,
            RuleParams p) {
        Double now = quarterlyMeans.get(quarter);
        Double before = quarterlyMeans.get(quarter.minusYears(1));
        if (now == null || before == null) {
            return Optional.empty();
        }
        double decline = before - now;
        double limit = p.get("decline_m");
        Map<String, Object> evidence =
                Map.of("quarter", label(quarter), "mean_m", now, "mean_last_year_m", before, "decline_m", decline);
        if (decline > limit + EPSILON) {
            return Optional.of(Verdict.finding(
                    Rule.GW_YOY_DECLINE,
                    subject,
                    Severity.BREACH,
                    start,
                    end,
                    decline,
                    limit,
                    decline - limit,
                    "m",
                    evidence));
        }
        return Optional.of(Verdict.good(Rule.GW_YOY_DECLINE, subject, true, start, end, decline, limit, "m", evidence));
    }

    /** How many quarters in a row, ending with {@code quarter}, the mean fell from the quarter before. */
    public static int declineRun(YearMonth quarter, Map<YearMonth, Double> quarterlyMeans) {
        int run = 0;
        YearMonth q = quarter;
        while (quarterlyMeans.containsKey(q)
                && quarterlyMeans.containsKey(q.minusMonths(3))
                && quarterlyMeans.get(q) < quarterlyMeans.get(q.minusMonths(3))) {
            run++;
            q = q.minusMonths(3);
        }
        return run;
    }

    /** N quarters of decline in a row → breach, N − 1 → warning; the period starts with the run. */
    public static Optional<Verdict> consecutiveDecline(
            Subject zone,
            YearMonth quarter,
            Map<YearMonth, Double> quarterlyMeans,
            QuarterClock quarters,
            RuleParams p) {
        if (!quarterlyMeans.containsKey(quarter)) {
            return Optional.empty();
        }
        int run = declineRun(quarter, quarterlyMeans);
        int n = (int) Math.round(p.get("quarters"));
        Instant start = quarters.start(quarter.minusMonths(3L * Math.max(0, run - 1)));
        Instant end = quarters.end(quarter);
        Map<String, Object> evidence = Map.of(
                "quarter",
                label(quarter),
                "declining_quarters",
                run,
                "first_declining_quarter",
                label(quarter.minusMonths(3L * Math.max(0, run - 1))));
        Severity severity = run >= n ? Severity.BREACH : run == n - 1 && n > 1 ? Severity.WARNING : null;
        if (severity != null) {
            return Optional.of(Verdict.finding(
                    Rule.GW_CONSECUTIVE_DECLINE,
                    zone,
                    severity,
                    start,
                    end,
                    (double) run,
                    (double) n,
                    (double) (run - n),
                    "quarters",
                    evidence));
        }
        return Optional.of(Verdict.good(
                Rule.GW_CONSECUTIVE_DECLINE,
                zone,
                true,
                quarters.start(quarter),
                end,
                (double) run,
                (double) n,
                "quarters",
                evidence));
    }

    public static YearMonth quarterOf(YearMonth month) {
        return YearMonth.of(month.getYear(), (month.getMonthValue() - 1) / 3 * 3 + 1);
    }

    public static String label(YearMonth quarter) {
        return quarter.getYear() + "Q" + ((quarter.getMonthValue() - 1) / 3 + 1);
    }
}
