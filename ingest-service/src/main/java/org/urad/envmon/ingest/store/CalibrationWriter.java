package org.urad.envmon.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import org.urad.envmon.ingest.reading.Calibration;

/** Writes calibration results; a redelivered one (same monitor, parameter, kind, time) is a no-op. */
final class CalibrationWriter {

    private static final String INSERT = "INSERT INTO calibration_record"
            + " (device_id, parameter, kind, ts, reference, measured, full_scale, reported_pass, family)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    long write(Connection connection, List<Calibration> calibrations) throws SQLException {
        if (calibrations.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            for (Calibration c : calibrations) {
                ps.setString(1, c.deviceId());
                ps.setString(2, c.parameter());
                ps.setString(3, c.kind().code());
                ps.setTimestamp(4, Timestamp.from(c.time()));
                ps.setDouble(5, c.reference());
                ps.setDouble(6, c.measured());
                if (c.fullScale() == null) {
                    ps.setNull(7, Types.DOUBLE);
                } else {
                    ps.setDouble(7, c.fullScale());
                }
                if (c.reportedPass() == null) {
                    ps.setNull(8, Types.BOOLEAN);
                } else {
                    ps.setBoolean(8, c.reportedPass());
                }
                ps.setString(9, c.family().code());
                ps.addBatch();
            }
            long written = 0;
            for (int n : ps.executeBatch()) {
                written += Math.max(n, 0);
            }
            return written;
        }
    }
}
