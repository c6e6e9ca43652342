package org.urad.envmon.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Period;

/** The times at which a device has stored readings of one period kind: what gap recovery must not ask for again. */
public final class StoredTimes {

    private static final String TIMES = """
            SELECT DISTINCT ts FROM %s
            WHERE device_id = ? AND period = ? AND ts >= ? AND ts < ? ORDER BY ts
            """;

    private final DataSource dataSource;

    public StoredTimes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The distinct reading times of {@code deviceId} for {@code period} in [{@code from}, {@code to}), ascending. */
    public List<Instant> times(Family family, String deviceId, Period period, Instant from, Instant to)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TIMES.formatted(family.table()))) {
            ps.setString(1, deviceId);
            ps.setString(2, period.code());
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            List<Instant> times = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getTimestamp(1).toInstant());
                }
            }
            return times;
        }
    }
}
