package org.urad.envmon.ingest.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.MonitorParameter;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.registry.Well;
import org.urad.envmon.ingest.store.CommittedBatches;

/**
 * The point rules on each committed batch: calibration drift, control level, meter anomalies and
 * the well's year-to-date quota. {@link #accept} runs on the flusher thread and only queues the
 * batch; the work happens on the {@code rules-batch} thread. Late data mark their windows for
 * re-evaluation (groundwater quarters; CEMS hours, water-quality days and months; see
 * {@link LateData}), and new meter totals mark the year's village and zone quota totals. The batch's
 * {@code point_rule_due} rows are deleted once it is judged; a crash before that leaves them to the
 * {@link PointRuleSweep}.
 */
public final class CommittedBatchRules implements CommittedBatches, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommittedBatchRules.class);

    /** Quarters after a changed one whose verdicts read it: three more of a decline run, and a year on. */
    static final int DEPENDENT_QUARTERS = 4;

    private final JdbcTemplate jdbc;
    private final RuleRunner runner;
    private final WindowScheduler windows;
    private final Supplier<Registry> registry;
    private final Supplier<RuleSet> rules;
    private final RuleMetrics metrics;
    private final QuarterClock quarters;
    private final Clock clock;
    private final LinkedBlockingQueue<Runnable> queue;
    private final ExecutorService executor;
    private final PointRuleBacklog backlog = new PointRuleBacklog();
    private final CatchUpReader catchUp;
    private final DueRows due;
    /** When each batch still waiting in the queue was committed, oldest first. */
    private final ConcurrentLinkedQueue<Instant> waiting = new ConcurrentLinkedQueue<>();
    /** When the oldest batch the backlog owes was committed, or {@code null} when it owes nothing. */
    private volatile Instant owedSince;

    public CommittedBatchRules(
            JdbcTemplate jdbc,
            RuleRunner runner,
            WindowScheduler windows,
            Supplier<Registry> registry,
            Supplier<RuleSet> rules,
            RuleMetrics metrics,
            ZoneId zone,
            Clock clock,
            int queueCapacity) {
        this.jdbc = jdbc;
        this.runner = runner;
        this.windows = windows;
        this.registry = registry;
        this.rules = rules;
        this.metrics = metrics;
        this.quarters = new QuarterClock(zone);
        this.clock = clock;
        this.catchUp = new CatchUpReader(jdbc);
        this.due = new DueRows(jdbc);
        metrics.pointRulesDue(due::counted);
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "rules-batch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues the batch for the point rules. When the queue is full the batch is not judged now: what it
     * owes is noted in the backlog, and once the queue has drained its values are read back from the
     * database and judged (the batch is committed, so they are there).
     */
    @Override
    public void committed(List<Outcome> batch) {
        committed(batch, List.of());
    }

    /** As {@link #committed(List)}; the batch's due rows are deleted once it is judged. */
    @Override
    public void committed(List<Outcome> batch, List<Long> dueRows) {
        Instant committedAt = clock.instant();
        waiting.add(committedAt);
        try {
            executor.execute(() -> {
                waiting.poll();
                judged(process(batch), dueRows);
                catchUpIfIdle();
            });
        } catch (RejectedExecutionException e) {
            waiting.remove(committedAt);
            if (owedSince == null) {
                owedSince = committedAt;
            }
            backlog.add(batch, dueRows, clock.instant(), quarters.zone());
            metrics.rulesDeferred(batch.size());
            log.warn("Rule queue full: point rules for a batch of {} messages deferred to a catch-up", batch.size());
            try {
                executor.execute(this::catchUpIfIdle);
            } catch (RejectedExecutionException stillFull) {
                // a queued batch runs the catch-up once it is done
            }
        }
    }

    /** Judges what the backlog owes, once nothing else waits in the queue (on the rules thread). */
    private void catchUpIfIdle() {
        if (!queue.isEmpty() || backlog.isEmpty()) {
            return;
        }
        owedSince = null;
        PointRuleBacklog.Owed owed = backlog.take();
        try {
            for (LateData.Window w : owed.windows()) {
                windows.markDirty(w.group().group(), w.start(), w.group().end(w.start(), quarters.zone()));
            }
            AtomicBoolean ok = new AtomicBoolean(true);
            catchUp.forEachBatch(owed, b -> ok.compareAndSet(true, process(b)));
            judged(ok.get(), owed.due());
        } catch (RuntimeException e) {
            metrics.ruleFailed("batch");
            log.error("Point-rule catch-up failed", e);
        }
    }

    /**
     * How far the point rules are behind: the age of the oldest committed batch they have not yet
     * judged (waiting in the queue or owed by the backlog); zero when they are up to date.
     */
    public Duration lag() {
        Instant now = clock.instant();
        Instant oldest = waiting.peek();
        Instant owed = owedSince;
        if (owed != null && (oldest == null || owed.isBefore(oldest))) {
            oldest = owed;
        }
        return oldest == null ? Duration.ZERO : Duration.between(oldest, now);
    }

    /**
     * Judges each batch on the caller's thread and then deletes its due rows (an import: its batches are
     * judged as they commit).
     */
    public CommittedBatches synchronous() {
        return new CommittedBatches() {
            @Override
            public void committed(List<Outcome> fresh) {
                process(fresh);
            }

            @Override
            public void committed(List<Outcome> fresh, List<Long> dueRows) {
                judged(process(fresh), dueRows);
            }
        };
    }

    /** Deletes the due rows of a judged batch; a batch whose judgement failed leaves them to the sweep. */
    private void judged(boolean ok, List<Long> dueRows) {
        if (!ok || dueRows.isEmpty()) {
            return;
        }
        try {
            due.delete(dueRows);
        } catch (RuntimeException e) {
            log.warn("Deleting judged point_rule_due rows failed; the sweep judges them again", e);
        }
    }

    /** A sweep of the due rows no rules thread finished, judged with {@link #process}. */
    public PointRuleSweep sweep(Duration after) {
        return new PointRuleSweep(due, catchUp, this::process, after, metrics);
    }

    /** Evaluates one batch (on the caller's thread); false when the evaluation failed. */
    public boolean process(List<Outcome> batch) {
        try {
            List<RuleRunner.Judged> judged = new ArrayList<>();
            Set<String> quotaWells = new LinkedHashSet<>();
            Registry reg = registry.get();
            RuleSet set = rules.get();
            YearMonth currentQuarter = quarters.quarterContaining(clock.instant());
            Set<YearMonth> lateQuarters = new TreeSet<>();
            for (Outcome o : batch) {
                for (Calibration c : o.calibrations()) {
                    if (c.family() == Family.CEMS) {
                        RuleParams p = set.params(Rule.CEMS_CALIBRATION_DRIFT, c.deviceId());
                        CalibrationDeviation.of(jdbc, c)
                                .map(d -> CalibrationRules.drift(c, d, subject(reg, c.deviceId()), p))
                                .map(v -> withOutOfControl(v, c))
                                .ifPresent(v -> judged.add(new RuleRunner.Judged(v, p)));
                    }
                }
                overRange(reg, set, o.readings(), judged);
                for (Reading r : o.readings()) {
                    if (r.family() != Family.WELL || !r.valid()) {
                        continue;
                    }
                    Well well = reg.well(r.deviceId()).orElse(null);
                    if (well == null) {
                        continue;
                    }
                    wellReading(reg, set, well, r, judged, quotaWells);
                    if (r.parameter().equals("gw_level") || r.parameter().equals("gw_depth")) {
                        lateQuarters.add(quarters.quarterContaining(r.time()));
                    }
                }
            }
            markQuarters(lateQuarters, currentQuarter);
            for (LateData.Window w : LateData.windows(batch, clock.instant(), quarters.zone())) {
                windows.markDirty(w.group().group(), w.start(), w.group().end(w.start(), quarters.zone()));
            }
            for (String wellId : quotaWells) {
                quota(reg, set, reg.well(wellId).orElseThrow(), judged);
            }
            runner.apply(judged);
            return true;
        } catch (RuntimeException e) {
            metrics.ruleFailed("batch");
            log.error("Point rules failed for a committed batch", e);
            return false;
        }
    }

    /**
     * The drift verdict with, when the check is beyond the out-of-control tier of HJ 75-2017 Table 4
     * ({@code cems_drift_check}, V24), the data it makes invalid: from the check until the next check
     * of the same analyser and kind within the tier.
     */
    private Verdict withOutOfControl(Verdict v, Calibration c) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT drift_pct, out_of_control_pct FROM cems_drift_check"
                        + " WHERE device_id = ? AND parameter = ? AND kind = ? AND ts = ?"
                        + " AND drift_pct > out_of_control_pct",
                c.deviceId(),
                c.parameter(),
                c.kind().code(),
                AlertTracker.ts(c.time()));
        if (rows.isEmpty()) {
            return v;
        }
        Map<String, Object> evidence = new java.util.HashMap<>(v.evidence());
        evidence.put("out_of_control", true);
        evidence.put("drift_pct_full_scale", rows.get(0).get("drift_pct"));
        evidence.put("out_of_control_pct", rows.get(0).get("out_of_control_pct"));
        evidence.put("data_invalid_from", c.time().toString());
        evidence.put("data_invalid_until", "next_passing_check");
        return v.withEvidence(Map.copyOf(evidence));
    }

    /**
     * MONITOR_OVER_RANGE on the online monitors' concentrations: every value flagged T is a finding;
     * the last other value of each analyser in the message is a good check.
     */
    private static void overRange(Registry reg, RuleSet set, List<Reading> readings, List<RuleRunner.Judged> out) {
        Map<String, Reading> lastGood = new LinkedHashMap<>();
        for (Reading r : readings) {
            if ((r.family() != Family.CEMS && r.family() != Family.WATER_QUALITY)
                    || (r.statistic() != Statistic.VALUE && r.statistic() != Statistic.AVG)) {
                continue;
            }
            if (r.flag() == DataFlag.T) {
                out.add(overRange(reg, set, r));
            } else {
                lastGood.put(r.deviceId() + "/" + r.parameter(), r);
            }
        }
        lastGood.values().forEach(r -> out.add(overRange(reg, set, r)));
    }

    private static RuleRunner.Judged overRange(Registry reg, RuleSet set, Reading r) {
        String enterprise = reg.monitor(r.deviceId()).map(Monitor::enterprise).orElse(null);
        RuleParams p = enterprise == null
                ? set.params(Rule.MONITOR_OVER_RANGE, r.deviceId())
                : set.params(Rule.MONITOR_OVER_RANGE, r.deviceId(), enterprise);
        MonitorParameter mp = reg.monitorParameter(r.deviceId(), r.parameter()).orElse(null);
        return new RuleRunner.Judged(OverRangeRules.judge(subject(reg, r.deviceId()), r, mp, p), p);
    }

    /**
     * Marks the closed quarters a level in {@code touched} changes: its own, and those judged against it
     * (the next quarters' declines in a row, the same quarter a year later), each once per batch.
     */
    private void markQuarters(Set<YearMonth> touched, YearMonth currentQuarter) {
        Set<YearMonth> marks = new TreeSet<>();
        for (YearMonth q : touched) {
            for (int k = 0; k <= DEPENDENT_QUARTERS; k++) {
                YearMonth d = q.plusMonths(3L * k);
                if (d.isBefore(currentQuarter)) {
                    marks.add(d);
                }
            }
        }
        for (YearMonth q : marks) {
            windows.markDirty(WindowScheduler.GW_QUARTER, quarters.start(q), quarters.end(q));
        }
    }

    private void wellReading(
            Registry reg, RuleSet set, Well well, Reading r, List<RuleRunner.Judged> out, Set<String> quotaWells) {
        Subject s = subject(reg, well.deviceId()).withParameter("");
        Subject wellSubject = new Subject(Subject.Kind.WELL, s.id(), "", s.name());
        switch (r.parameter()) {
            case "gw_level", "gw_depth" -> {
                // a depth-only logger's reading is a level once the wellhead elevation is registered
                Double level =
                        r.parameter().equals("gw_level") ? Double.valueOf(r.value()) : well.levelFromDepth(r.value());
                if (well.controlWell() && well.controlLevelM() != null && level != null) {
                    RuleParams p = set.params(Rule.GW_READING_BELOW_CONTROL_LEVEL, well.deviceId(), well.zoneId());
                    out.add(new RuleRunner.Judged(
                            GroundwaterRules.readingBelowControlLevel(
                                    wellSubject, level, well.controlLevelM(), r.time(), p),
                            p));
                }
            }
            case "flow" -> {
                RuleParams p = set.params(Rule.METER_ANOMALY, well.deviceId(), well.zoneId());
                MeterRules.flow(wellSubject, r.value(), r.time(), p)
                        .ifPresent(v -> out.add(new RuleRunner.Judged(v, p)));
            }
            case "volume_total" -> {
                RuleParams p = set.params(Rule.METER_ANOMALY, well.deviceId(), well.zoneId());
                jdbc.query(
                        "SELECT value, ts FROM well_reading WHERE device_id = ? AND parameter = 'volume_total'"
                                + " AND valid AND ts < ? ORDER BY ts DESC LIMIT 1",
                        rs -> {
                            out.add(new RuleRunner.Judged(
                                    MeterRules.cumulative(
                                            wellSubject,
                                            rs.getDouble(1),
                                            rs.getTimestamp(2).toInstant(),
                                            r.value(),
                                            r.time(),
                                            p),
                                    p));
                        },
                        r.deviceId(),
                        AlertTracker.ts(r.time()));
                quotaWells.add(well.deviceId());
            }
            default -> {}
        }
    }

    /** Year-to-date abstraction: last total of the year minus the last total before it (or the year's first). */
    private void quota(Registry reg, RuleSet set, Well well, List<RuleRunner.Judged> out) {
        Instant now = clock.instant();
        Instant yearStart = now.atZone(quarters.zone())
                .withDayOfYear(1)
                .toLocalDate()
                .atStartOfDay(quarters.zone())
                .toInstant();
        // year to date as the extract and the dashboards count it: meter_volume (V16)
        List<Double> volumes = jdbc.queryForList(
                "SELECT volume_m3 FROM meter_volume('well', ?, ?, ?)",
                Double.class,
                AlertTracker.ts(yearStart),
                AlertTracker.ts(now),
                well.deviceId());
        Double ytd = volumes.isEmpty() ? null : volumes.get(0);
        if (ytd == null) {
            return;
        }
        RuleParams p = set.params(Rule.WELL_QUOTA, well.deviceId(), well.villageId(), well.zoneId());
        Subject s = subject(reg, well.deviceId());
        MeterRules.quota(
                        new Subject(Subject.Kind.WELL, s.id(), "", s.name()),
                        ytd,
                        well.annualAllocationM3(),
                        yearStart,
                        now,
                        p)
                .ifPresent(v -> out.add(new RuleRunner.Judged(v, p)));
    }

    private static Subject subject(Registry reg, String deviceId) {
        return Subject.of(
                Subject.Kind.DEVICE,
                deviceId,
                reg.device(deviceId).map(Device::name).orElse(deviceId));
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
