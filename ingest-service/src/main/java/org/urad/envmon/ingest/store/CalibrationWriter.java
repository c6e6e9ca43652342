package org.urad.envmon.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.reading.Calibration;

/**
 * Writes calibration results. A redelivered one (same monitor, parameter, kind, time and figures) is a
 * no-op; one sent again with other figures is kept in {@code calibration_revision} for review and the
 * stored record stays as it was. Only the results stored for the first time are returned: they alone
 * go on to the rules, so a re-sent result never changes a verdict.
 */
final class CalibrationWriter {

    private static final String COLUMNS =
            "device_id, parameter, kind, ts, reference, measured, full_scale," + " reported_pass, family";
    private static final String INSERT = "INSERT INTO calibration_record (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String REVISE = "INSERT INTO calibration_revision (" + COLUMNS + ")"
            + " SELECT ?::text, ?::text, ?::text, ?::timestamptz, ?::float8, ?::float8, ?::float8, ?::boolean, ?::text"
            + " WHERE NOT EXISTS (SELECT 1 FROM calibration_record r WHERE r.device_id = ?::text"
            + " AND r.parameter = ?::text AND r.kind = ?::text AND r.ts = ?::timestamptz AND r.reference = ?::float8"
            + " AND r.measured = ?::float8 AND r.full_scale IS NOT DISTINCT FROM ?::float8"
            + " AND r.reported_pass IS NOT DISTINCT FROM ?::boolean) ON CONFLICT DO NOTHING";

    /** What one write did: the results stored for the first time, and how many were kept as revisions. */
    record Written(List<Calibration> fresh, long revised) {}

    Written write(Connection connection, List<Calibration> calibrations) throws SQLException {
        if (calibrations.isEmpty()) {
            return new Written(List.of(), 0);
        }
        List<Calibration> fresh = new ArrayList<>(calibrations.size());
        long revised = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
                PreparedStatement revise = connection.prepareStatement(REVISE)) {
            for (Calibration c : calibrations) {
                set(insert, 0, c);
                if (insert.executeUpdate() > 0) {
                    fresh.add(c);
                    continue;
                }
                set(revise, 0, c);
                set(revise, 9, c);
                revised += revise.executeUpdate();
            }
        }
        return new Written(fresh, revised);
    }

    /** The columns of {@link #COLUMNS} from parameter {@code offset + 1} on (the key and figures for the check). */
    private static void set(PreparedStatement ps, int offset, Calibration c) throws SQLException {
        ps.setString(offset + 1, c.deviceId());
        ps.setString(offset + 2, c.parameter());
        ps.setString(offset + 3, c.kind().code());
        ps.setTimestamp(offset + 4, Timestamp.from(c.time()));
        ps.setDouble(offset + 5, c.reference());
        ps.setDouble(offset + 6, c.measured());
        if (c.fullScale() == null) {
            ps.setNull(offset + 7, Types.DOUBLE);
        } else {
            ps.setDouble(offset + 7, c.fullScale());
        }
        if (c.reportedPass() == null) {
            ps.setNull(offset + 8, Types.BOOLEAN);
        } else {
            ps.setBoolean(offset + 8, c.reportedPass());
        }
        if (offset == 0) {
            ps.setString(9, c.family().code());
        }
    }
}
