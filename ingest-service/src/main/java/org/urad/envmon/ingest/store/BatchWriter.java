package org.urad.envmon.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.urad.envmon.ingest.metrics.Stage;
import org.urad.envmon.ingest.metrics.StageTimer;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.MonitorStatus;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;

/**
 * Writes a whole batch of outcomes in one transaction: readings, calibrations, status items, quarantine, and the
 * {@code point_rule_due} rows that say what the point rules owe for it. Says which values it stored for the first
 * time.
 */
public final class BatchWriter {

    private final DataSource dataSource;
    private final ReadingCopyWriter readings = new ReadingCopyWriter();
    private final CalibrationWriter calibrations = new CalibrationWriter();
    private final QuarantineWriter quarantine = new QuarantineWriter();
    private final StatusWriter statuses = new StatusWriter();
    private final PointRuleDueWriter due = new PointRuleDueWriter();

    private final StageTimer timer;

    public BatchWriter(DataSource dataSource) {
        this(dataSource, StageTimer.NONE);
    }

    /** A writer that reports the COPY, the other statements and the commit of each batch to {@code timer}. */
    public BatchWriter(DataSource dataSource, StageTimer timer) {
        this.dataSource = dataSource;
        this.timer = timer;
    }

    /** Writes and commits; on any failure nothing of the batch is committed. */
    public WriteResult write(List<Outcome> batch) throws SQLException {
        List<Reading> allReadings = new ArrayList<>();
        List<Calibration> allCalibrations = new ArrayList<>();
        List<Outcome> rejected = new ArrayList<>();
        List<MonitorStatus> allStatuses = new ArrayList<>();
        for (Outcome o : batch) {
            allStatuses.addAll(o.statuses());
            allReadings.addAll(o.readings());
            allCalibrations.addAll(o.calibrations());
            if (o.isRejected()) {
                rejected.add(o);
            }
        }
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long copyStart = System.nanoTime();
                ReadingCopyWriter.Counts counts = readings.write(c, allReadings);
                long copyEnd = System.nanoTime();
                CalibrationWriter.Written cal = calibrations.write(c, allCalibrations);
                statuses.write(c, allStatuses);
                long q = quarantine.write(c, rejected);
                List<Outcome> fresh = counts.fresh() == null && cal.fresh().size() == allCalibrations.size()
                        ? batch
                        : fresh(batch, counts, cal.fresh());
                List<Long> dueRows = due.write(c, fresh);
                long commitStart = System.nanoTime();
                c.commit();
                long end = System.nanoTime();
                for (int i = 0; i < batch.size(); i++) {
                    timer.record(Stage.COPY, copyEnd - copyStart);
                    timer.record(Stage.STATEMENTS, (copyStart - start) + (commitStart - copyEnd));
                    timer.record(Stage.COMMIT, end - commitStart);
                }
                return new WriteResult(
                        counts.stored(),
                        counts.duplicates(),
                        counts.revised(),
                        cal.fresh().size(),
                        q,
                        fresh,
                        dueRows);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /** The batch's outcomes reduced to the values stored for the first time; outcomes left empty are dropped. */
    static List<Outcome> fresh(List<Outcome> batch, ReadingCopyWriter.Counts counts, List<Calibration> cal) {
        Set<Calibration> freshCalibrations = Collections.newSetFromMap(new IdentityHashMap<>());
        freshCalibrations.addAll(cal);
        List<Outcome> out = new ArrayList<>(batch.size());
        for (Outcome o : batch) {
            List<Reading> r = o.readings().stream().filter(counts::isFresh).toList();
            List<Calibration> c = o.calibrations().stream()
                    .filter(freshCalibrations::contains)
                    .toList();
            if (r.size() == o.readings().size() && c.size() == o.calibrations().size()) {
                out.add(o);
            } else if (!r.isEmpty() || !c.isEmpty()) {
                out.add(new Outcome(o.raw(), o.format(), o.deviceId(), r, c, o.rejections()));
            }
        }
        return out;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
