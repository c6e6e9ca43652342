package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.notify.AlertMessage;

/**
 * Evaluates the windowed rules over the database: every closed window not yet evaluated (within the
 * backfill horizon) and every window marked dirty by late data. Each window is evaluated by one
 * instance only: the evaluation runs in a transaction holding {@code pg_try_advisory_xact_lock} on
 * the window, and records the run in {@code rule_window_run}.
 */
public final class WindowScheduler {

    public static final String GW_QUARTER = "gw_quarter";

    private static final Logger log = LoggerFactory.getLogger(WindowScheduler.class);

    private final JdbcTemplate jdbc;
    private final RuleRunner runner;
    private final GroundwaterQuarters groundwater;
    private final QuarterClock quarters;
    private final Clock clock;
    private final Duration groundwaterBackfill;
    private final RuleMetrics metrics;

    public WindowScheduler(
            JdbcTemplate jdbc,
            RuleRunner runner,
            GroundwaterQuarters groundwater,
            QuarterClock quarters,
            Clock clock,
            Duration groundwaterBackfill,
            RuleMetrics metrics) {
        this.jdbc = jdbc;
        this.runner = runner;
        this.groundwater = groundwater;
        this.quarters = quarters;
        this.clock = clock;
        this.groundwaterBackfill = groundwaterBackfill;
        this.metrics = metrics;
    }

    /** One pass over every window group; returns how many windows this instance evaluated. */
    public int runOnce() {
        int n = 0;
        try {
            for (YearMonth q : dueQuarters()) {
                if (evaluate(GW_QUARTER, quarters.start(q), quarters.end(q), () -> groundwater.evaluate(q))) {
                    n++;
                }
            }
        } catch (RuntimeException e) {
            metrics.ruleFailed(GW_QUARTER);
            log.error("Groundwater window evaluation failed; it will be retried on the next pass", e);
        }
        return n;
    }

    /**
     * Closed quarters that are new or dirty, oldest first: never-evaluated quarters from the first data (or
     * the backfill horizon, which bounds only these) on, and every dirty quarter however old.
     */
    List<YearMonth> dueQuarters() {
        Timestamp first =
                jdbc.queryForObject("SELECT min(ts) FROM well_reading WHERE parameter = 'gw_level'", Timestamp.class);
        if (first == null) {
            return List.of();
        }
        Instant now = clock.instant();
        Instant horizon = now.minus(groundwaterBackfill);
        YearMonth q = quarters.quarterContaining(first.toInstant().isAfter(horizon) ? first.toInstant() : horizon);
        YearMonth current = quarters.quarterContaining(now);
        TreeSet<YearMonth> due = new TreeSet<>();
        jdbc.query(
                "SELECT window_start FROM rule_window_run WHERE rule_group = ? AND dirty AND window_start < ?",
                rs -> {
                    YearMonth dirty =
                            quarters.quarterContaining(rs.getTimestamp(1).toInstant());
                    if (dirty.isBefore(current)) {
                        due.add(dirty);
                    }
                },
                GW_QUARTER,
                AlertTracker.ts(quarters.start(current)));
        for (; q.isBefore(current); q = q.plusMonths(3)) {
            Boolean dirty = jdbc
                    .queryForList(
                            "SELECT dirty FROM rule_window_run WHERE rule_group = ? AND window_start = ?"
                                    + " AND evaluated_at IS NOT NULL",
                            Boolean.class,
                            GW_QUARTER,
                            AlertTracker.ts(quarters.start(q)))
                    .stream()
                    .findFirst()
                    .orElse(true);
            if (dirty) {
                due.add(q);
            }
        }
        return List.copyOf(due);
    }

    /** Evaluates the quarter starting at {@code start} (for the catch-up); {@code true} if this instance did. */
    boolean evaluateQuarter(Instant start) {
        YearMonth q = quarters.quarterContaining(start);
        return evaluate(GW_QUARTER, quarters.start(q), quarters.end(q), () -> groundwater.evaluate(q));
    }

    /** Evaluates one window unless another instance holds it; {@code true} if this instance did. */
    boolean evaluate(
            String group, Instant start, Instant end, java.util.function.Supplier<List<RuleRunner.Judged>> work) {
        List<AlertMessage> messages = runner.inTransaction(() -> {
            Boolean locked = jdbc.queryForObject(
                    "SELECT pg_try_advisory_xact_lock(hashtextextended(? || '@' || ?, 0))",
                    Boolean.class,
                    group,
                    start.toString());
            if (!Boolean.TRUE.equals(locked) || evaluatedAndClean(group, start)) {
                return null;
            }
            long seen = mark(group, start);
            List<RuleRunner.Judged> verdicts = work.get();
            List<AlertMessage> out = runner.applyInTransaction(verdicts);
            // The mark is cleared only if no late data marked the window while this evaluation ran
            // (UPDATE reads the latest committed mark; a mark made after it waits for this commit).
            jdbc.update(
                    "INSERT INTO rule_window_run (rule_group, window_start, window_end, dirty, evaluated_at, verdicts)"
                            + " VALUES (?, ?, ?, false, ?, ?) ON CONFLICT (rule_group, window_start) DO UPDATE"
                            + " SET dirty = rule_window_run.mark <> ?, evaluated_at = EXCLUDED.evaluated_at,"
                            + " verdicts = EXCLUDED.verdicts",
                    group,
                    AlertTracker.ts(start),
                    AlertTracker.ts(end),
                    AlertTracker.ts(clock.instant()),
                    verdicts.size(),
                    seen);
            return out;
        });
        if (messages == null) {
            return false;
        }
        metrics.windowEvaluated(group);
        runner.notify(messages);
        return true;
    }

    /** The window's mark version as this evaluation starts (0 for a window never marked). */
    private long mark(String group, Instant start) {
        return jdbc
                .queryForList(
                        "SELECT mark FROM rule_window_run WHERE rule_group = ? AND window_start = ?",
                        Long.class,
                        group,
                        AlertTracker.ts(start))
                .stream()
                .findFirst()
                .orElse(0L);
    }

    /** Another instance evaluated the window after this one found it due (checked under the lock). */
    private boolean evaluatedAndClean(String group, Instant start) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM rule_window_run WHERE rule_group = ? AND window_start = ?"
                                + " AND evaluated_at IS NOT NULL AND NOT dirty",
                        Integer.class,
                        group,
                        AlertTracker.ts(start))
                .isEmpty();
    }

    /**
     * Late data: the window must be evaluated again, however old it is. Each mark bumps the window's mark
     * version, so an evaluation running meanwhile leaves the window marked.
     */
    public void markDirty(String group, Instant start, Instant end) {
        jdbc.update(
                "INSERT INTO rule_window_run (rule_group, window_start, window_end, dirty, mark) VALUES (?, ?, ?, true, 1)"
                        + " ON CONFLICT (rule_group, window_start) DO UPDATE SET dirty = true,"
                        + " mark = rule_window_run.mark + 1",
                group,
                AlertTracker.ts(start),
                AlertTracker.ts(end));
    }
}
