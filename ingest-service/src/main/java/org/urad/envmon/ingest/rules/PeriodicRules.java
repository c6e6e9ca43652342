package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;

/**
 * Runs the monitor, quota and status rules over the database, in the pattern of the groundwater
 * quarters ({@link WindowScheduler#evaluate}: one transaction per window under
 * {@code pg_try_advisory_xact_lock}, bookkept in {@code rule_window_run}).
 *
 * <ul>
 *   <li>{@link #runWindows()}: every closed hour, day and month within the backfill horizon not yet
 *       evaluated, every window marked dirty by late data, and the current year's quota totals
 *       whenever new meter totals have arrived.
 *   <li>{@link #runStatus()} (short schedule): the overdue and silent rules, and the open hour and
 *       day as provisional windows of the limit rules, once per minute across instances.
 * </ul>
 */
public final class PeriodicRules {

    public static final String STATUS = "status";

    private static final Logger log = LoggerFactory.getLogger(PeriodicRules.class);

    private final JdbcTemplate jdbc;
    private final WindowScheduler windows;
    private final MonitorWindows monitors;
    private final QuotaTotals quota;
    private final StatusChecks status;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration backfill;
    private final boolean provisional;
    private final RuleMetrics metrics;

    public PeriodicRules(
            JdbcTemplate jdbc,
            WindowScheduler windows,
            Supplier<RuleSet> rules,
            Clock clock,
            ZoneId zone,
            Duration backfill,
            boolean provisional,
            RuleMetrics metrics) {
        this.jdbc = jdbc;
        this.windows = windows;
        MonitorData data = new MonitorData(jdbc);
        this.monitors = new MonitorWindows(data, rules, zone);
        this.quota = new QuotaTotals(jdbc, rules);
        this.status = new StatusChecks(jdbc, data, rules, clock.instant());
        this.clock = clock;
        this.zone = zone;
        this.backfill = backfill;
        this.provisional = provisional;
        this.metrics = metrics;
    }

    /** One pass over the closed (and dirty) windows; returns how many this instance evaluated. */
    public int runWindows() {
        int n = 0;
        for (WindowGroup g : WindowGroup.values()) {
            try {
                for (Instant start : due(g)) {
                    if (windows.evaluate(g.group(), start, g.end(start, zone), () -> evaluate(g, start))) {
                        n++;
                    }
                }
            } catch (RuntimeException e) {
                metrics.ruleFailed(g.group());
                log.error("Evaluation of {} windows failed; it will be retried on the next pass", g.group(), e);
            }
        }
        return n;
    }

    /** Evaluates one window of {@code g} (for the catch-up); {@code true} if this instance did. */
    boolean evaluateWindow(WindowGroup g, Instant start) {
        return windows.evaluate(g.group(), start, g.end(start, zone), () -> evaluate(g, start));
    }

    /** The status rules and provisional windows for the current minute, unless another instance has. */
    public boolean runStatus() {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        try {
            boolean ran = windows.evaluate(STATUS, minute, minute.plusSeconds(60), () -> statusNow(now));
            jdbc.update(
                    "DELETE FROM rule_window_run WHERE rule_group = ? AND window_start < ?",
                    STATUS,
                    Timestamp.from(minute.minus(Duration.ofDays(1))));
            return ran;
        } catch (RuntimeException e) {
            metrics.ruleFailed(STATUS);
            log.error("Status rules failed; they will be retried on the next pass", e);
            return false;
        }
    }

    private List<RuleRunner.Judged> statusNow(Instant now) {
        List<RuleRunner.Judged> out = new ArrayList<>(status.evaluate(now));
        if (provisional) {
            out.addAll(monitors.cemsHour(WindowGroup.CEMS_HOUR.start(now, zone), now));
            out.addAll(monitors.waterDay(WindowGroup.WQ_DAY.start(now, zone), now));
        }
        return out;
    }

    private List<RuleRunner.Judged> evaluate(WindowGroup g, Instant start) {
        Instant now = clock.instant();
        Instant end = g.end(start, zone);
        return switch (g) {
            case CEMS_HOUR -> monitors.cemsHour(start, end);
            case WQ_DAY -> monitors.waterDay(start, end);
            case WQ_MONTH -> monitors.waterMonth(start);
            case QUOTA_YEAR -> quota.evaluate(start, end.isBefore(now) ? end : now);
        };
    }

    /**
     * Windows to evaluate, oldest first: closed windows from the horizon on that were never
     * evaluated or are dirty, dirty windows older than the horizon, and the current year's quota
     * window when it is new or dirty.
     */
    List<Instant> due(WindowGroup g) {
        Instant now = clock.instant();
        Instant current = g.start(now, zone);
        Instant from = g.start(now.minus(backfill), zone);
        Set<Instant> clean = new HashSet<>();
        Set<Instant> due = new TreeSet<>();
        jdbc.query(
                "SELECT window_start, dirty OR evaluated_at IS NULL FROM rule_window_run WHERE rule_group = ?"
                        + " AND (window_start >= ? OR dirty)",
                rs -> {
                    Instant start = rs.getTimestamp(1).toInstant();
                    if (rs.getBoolean(2)) {
                        due.add(start);
                    } else {
                        clean.add(start);
                    }
                },
                g.group(),
                Timestamp.from(from));
        for (Instant s = from; s.isBefore(current); s = g.end(s, zone)) {
            if (!clean.contains(s)) {
                due.add(s);
            }
        }
        if (g == WindowGroup.QUOTA_YEAR && !clean.contains(current)) {
            due.add(current);
        }
        if (g != WindowGroup.QUOTA_YEAR) {
            due.removeIf(s -> !g.closed(s, now, zone));
        }
        return List.copyOf(due);
    }
}
