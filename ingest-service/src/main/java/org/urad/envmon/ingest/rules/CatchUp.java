package org.urad.envmon.ingest.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;

/**
 * Judges every window that late, imported or replayed data marked, oldest window first and with no
 * horizon: the live scheduler's backfill settings bound only windows never evaluated, never these. So
 * each subject's alert ends on its latest period, and earlier periods become its history. Progress is
 * the {@code ingest.rules.catchup.*} meters.
 */
public final class CatchUp {

    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

    /** Marked windows read per round. */
    static final int ROUND = 200;

    /**
     * Passes over one window per run: a window marked again while it was judged is judged once more; one
     * another instance holds is left to it.
     */
    static final int MAX_TRIES = 3;

    private record Marked(String group, Instant start) {}

    private final JdbcTemplate jdbc;
    private final WindowScheduler windows;
    private final PeriodicRules periodic;
    private final Clock clock;
    private final RuleMetrics metrics;
    private final AtomicLong waiting = new AtomicLong();

    public CatchUp(
            JdbcTemplate jdbc, WindowScheduler windows, PeriodicRules periodic, Clock clock, RuleMetrics metrics) {
        this.jdbc = jdbc;
        this.windows = windows;
        this.periodic = periodic;
        this.clock = clock;
        this.metrics = metrics;
        metrics.catchUpWaiting(waiting::get);
    }

    /**
     * Judges the marked windows until none is left (or only ones another instance holds); returns how
     * many this instance judged.
     */
    public synchronized int run() {
        int judged = 0;
        Map<Marked, Integer> tries = new HashMap<>();
        while (true) {
            List<Marked> due = due();
            waiting.set(count());
            List<Marked> fresh = due.stream()
                    .filter(m -> tries.getOrDefault(m, 0) < MAX_TRIES)
                    .toList();
            if (fresh.isEmpty()) {
                break;
            }
            for (Marked m : fresh) {
                tries.merge(m, 1, Integer::sum);
                try {
                    if (evaluate(m)) {
                        judged++;
                        metrics.caughtUp();
                        waiting.updateAndGet(n -> Math.max(0, n - 1));
                    }
                } catch (RuntimeException e) {
                    metrics.ruleFailed(m.group());
                    log.error("Catch-up of {} at {} failed; it stays marked", m.group(), m.start(), e);
                }
            }
            if (judged > 0 && judged % 1000 == 0) {
                log.info("Catch-up: {} windows judged, {} waiting", judged, waiting.get());
            }
        }
        waiting.set(count());
        return judged;
    }

    private boolean evaluate(Marked m) {
        if (WindowScheduler.GW_QUARTER.equals(m.group())) {
            return windows.evaluateQuarter(m.start());
        }
        for (WindowGroup g : WindowGroup.values()) {
            if (g.group().equals(m.group())) {
                return periodic.evaluateWindow(g, m.start());
            }
        }
        return false;
    }

    /** Marked windows that have closed (the open quota year too), oldest first. */
    private List<Marked> due() {
        return jdbc.query(
                "SELECT rule_group, window_start FROM rule_window_run WHERE dirty AND rule_group <> ?"
                        + " AND (window_end <= ? OR rule_group = ?) ORDER BY window_start, rule_group LIMIT ?",
                (rs, i) -> new Marked(rs.getString(1), rs.getTimestamp(2).toInstant()),
                PeriodicRules.STATUS,
                AlertTracker.ts(clock.instant()),
                WindowGroup.QUOTA_YEAR.group(),
                ROUND);
    }

    private long count() {
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM rule_window_run WHERE dirty AND rule_group <> ?"
                        + " AND (window_end <= ? OR rule_group = ?)",
                Long.class,
                PeriodicRules.STATUS,
                AlertTracker.ts(clock.instant()),
                WindowGroup.QUOTA_YEAR.group());
        return n == null ? 0 : n;
    }
}
