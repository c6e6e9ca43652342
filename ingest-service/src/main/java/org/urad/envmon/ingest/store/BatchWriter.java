package org.urad.envmon.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;

/** Writes a whole batch of outcomes in one transaction: readings, calibrations, quarantine. */
public final class BatchWriter {

    private final DataSource dataSource;
    private final ReadingCopyWriter readings = new ReadingCopyWriter();
    private final CalibrationWriter calibrations = new CalibrationWriter();
    private final QuarantineWriter quarantine = new QuarantineWriter();

    public BatchWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes and commits; on any failure nothing of the batch is committed. */
    public WriteResult write(List<Outcome> batch) throws SQLException {
        List<Reading> allReadings = new ArrayList<>();
        List<Calibration> allCalibrations = new ArrayList<>();
        List<Outcome> rejected = new ArrayList<>();
        for (Outcome o : batch) {
            allReadings.addAll(o.readings());
            allCalibrations.addAll(o.calibrations());
            if (o.isRejected()) {
                rejected.add(o);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ReadingCopyWriter.Counts counts = readings.write(c, allReadings);
                long cal = calibrations.write(c, allCalibrations);
                long q = quarantine.write(c, rejected);
                c.commit();
                return new WriteResult(counts.stored(), counts.duplicates(), counts.revised(), cal, q);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
