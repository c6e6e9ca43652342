package org.urad.envmon.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.urad.envmon.ingest.reading.MonitorStatus;

/** Writes status items; one sent again (same monitor, subject, code and time) is a no-op. */
final class StatusWriter {

    private static final String INSERT = "INSERT INTO monitor_status (device_id, subject, code, ts, value, family)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /** How many items were stored for the first time. */
    long write(Connection connection, List<MonitorStatus> statuses) throws SQLException {
        if (statuses.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (MonitorStatus s : statuses) {
                insert.setString(1, s.deviceId());
                insert.setString(2, s.subject());
                insert.setString(3, s.code());
                insert.setTimestamp(4, Timestamp.from(s.time()));
                insert.setString(5, s.value());
                insert.setString(6, s.family().code());
                insert.addBatch();
            }
            long stored = 0;
            for (int n : insert.executeBatch()) {
                stored += Math.max(n, 0);
            }
            return stored;
        }
    }
}
