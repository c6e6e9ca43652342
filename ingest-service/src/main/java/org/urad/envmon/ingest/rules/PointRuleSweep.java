package org.urad.envmon.ingest.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.store.PointRuleDueWriter;

/**
 * Judges the point rules' work that no rules thread finished: {@code point_rule_due} rows older than
 * {@code after} (the service stopped or crashed between a commit and its judgement, or a judgement failed).
 * Each row's values are read back from the database and judged as a committed batch would be; a repeated
 * verdict only refreshes its alert. A row is deleted once judged, and stays (for the next sweep) when its
 * judgement fails. Runs at startup and every {@code ingest.rules.due-sweep-interval}.
 */
public final class PointRuleSweep {

    private static final Logger log = LoggerFactory.getLogger(PointRuleSweep.class);

    /** Rows claimed per round. */
    static final int ROUND = 100;

    private final DueRows rows;
    private final CatchUpReader reader;
    private final Predicate<List<Outcome>> judge;
    private final Duration after;
    private final RuleMetrics metrics;

    PointRuleSweep(
            DueRows rows, CatchUpReader reader, Predicate<List<Outcome>> judge, Duration after, RuleMetrics metrics) {
        this.rows = rows;
        this.reader = reader;
        this.judge = judge;
        this.after = after;
        this.metrics = metrics;
    }

    /** Judges every left-over row this instance can claim; returns how many it judged. */
    public synchronized int run() {
        int judged = 0;
        try {
            List<DueRows.Due> claimed;
            do {
                claimed = rows.claim(after, ROUND);
                List<Long> done = new ArrayList<>(claimed.size());
                for (DueRows.Due due : claimed) {
                    if (judge(due)) {
                        done.add(due.id());
                    }
                }
                rows.delete(done);
                judged += done.size();
                metrics.pointRulesSwept(done.size());
            } while (claimed.size() == ROUND);
            if (judged > 0) {
                log.info("Point rules: {} left-over committed batch ranges judged from the database", judged);
            }
        } catch (RuntimeException e) {
            metrics.ruleFailed("batch");
            log.error("Point-rule sweep failed; the rows stay for the next one", e);
        }
        count();
        return judged;
    }

    private boolean judge(DueRows.Due due) {
        Map<String, List<PointRuleBacklog.Range>> one = Map.of(due.deviceId(), List.of(due.range()));
        PointRuleBacklog.Owed owed = switch (due.kind()) {
            case PointRuleDueWriter.WELL_READING ->
                new PointRuleBacklog.Owed(one, Map.of(), Map.of(), Set.of(), List.of());
            case PointRuleDueWriter.OVER_RANGE ->
                new PointRuleBacklog.Owed(Map.of(), Map.of(), one, Set.of(), List.of());
            default -> new PointRuleBacklog.Owed(Map.of(), one, Map.of(), Set.of(), List.of());
        };
        AtomicBoolean ok = new AtomicBoolean(true);
        reader.forEachBatch(owed, batch -> {
            if (!judge.test(batch)) {
                ok.set(false);
            }
        });
        return ok.get();
    }

    private void count() {
        try {
            rows.count();
        } catch (RuntimeException e) {
            log.warn("Counting the point rules' due rows failed: {}", e.getMessage());
        }
    }
}
