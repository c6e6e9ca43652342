package org.urad.envmon.ingest.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The materialised rollups behind the {@code <family>_reading_hourly/_daily} views on plain
 * PostgreSQL (migration V8). The views are exact at any moment; a refresh materialises the buckets
 * completed since the last one and those that late data invalidated, so that reading them is
 * cheap. On TimescaleDB the continuous aggregates refresh themselves and this does nothing.
 */
public final class Rollups {

    /** How long after its end a bucket is materialised: late enough for the usual delivery delay. */
    public static final Duration DEFAULT_LAG = Duration.ofMinutes(10);

    private Rollups() {}

    /**
     * Refreshes the rollups unless another session is at it. Runs in its own transactions, so the
     * connection must be in auto-commit mode (it is switched on for the call and restored).
     *
     * @return rows materialised; empty on TimescaleDB or while another session refreshes
     */
    public static OptionalLong refresh(Connection connection, Duration lag) throws SQLException {
        if (!plainEngine(connection)) {
            return OptionalLong.empty();
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (PreparedStatement call = connection.prepareStatement("CALL refresh_rollups(make_interval(secs => ?))")) {
            call.setLong(1, lag.toSeconds());
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(rows);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Whether the database keeps its aggregates in V8 rollups rather than continuous aggregates. */
    public static boolean plainEngine(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT storage_engine_name() = 'postgresql'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
