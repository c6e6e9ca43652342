package org.urad.envmon.ingest.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The refresh of the {@code <family>_reading_hourly/_daily} aggregates, one procedure on both engines
 * ({@code refresh_rollups}): on plain PostgreSQL it materialises the rollups of migration V8 (the views
 * are exact at any moment; a refresh makes them cheap); on TimescaleDB (migration V14) it refreshes,
 * forced, the buckets that late writes, imports and backfills touched, then the policy's window, so
 * that the continuous aggregates answer what the raw rows say. The same call stores the CEMS valid hours
 * of the completed hours (migration V29, {@code refresh_cems_valid_hours}), so that every caller of the
 * rollup refresh keeps them current too.
 */
public final class Rollups {

    /** How long after its end a bucket is materialised (on TimescaleDB at least an hour). */
    public static final Duration DEFAULT_LAG = Duration.ofMinutes(10);

    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtextextended('refresh_rollups', 0))";

    private Rollups() {}

    /**
     * Refreshes the aggregates unless another session is at it, then the stored CEMS valid hours. Runs in its own transactions, so the
     * connection must be in auto-commit mode (it is switched on for the call and restored).
     *
     * @return plain PostgreSQL: rows materialised; TimescaleDB: late buckets refreshed; empty while
     *     another session refreshes
     */
    public static OptionalLong refresh(Connection connection, Duration lag) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (PreparedStatement call = connection.prepareStatement("CALL refresh_rollups(make_interval(secs => ?))");
                PreparedStatement cems =
                        connection.prepareStatement("CALL refresh_cems_valid_hours(make_interval(secs => ?))")) {
            call.setLong(1, lag.toSeconds());
            OptionalLong done;
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                done = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(rows);
            }
            cems.setLong(1, lag.toSeconds());
            cems.execute();
            return done;
        } catch (SQLException e) {
            // On TimescaleDB the procedure holds a session lock across its commits; a failure part
            // way leaves it held by this (pooled) connection.
            releaseLock(connection);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Per aggregate, the end of its materialised buckets; empty where nothing is materialised yet. On
     * TimescaleDB this is the end of the newest materialised bucket, so it stops where data stop.
     */
    public static Map<String, Optional<Instant>> watermarks(Connection connection) throws SQLException {
        Map<String, Optional<Instant>> out = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT aggregate, watermark, watermark = '-infinity'"
                        + " FROM aggregate_watermarks() ORDER BY aggregate")) {
            while (rs.next()) {
                out.put(
                        rs.getString(1),
                        rs.getBoolean(3)
                                ? Optional.empty()
                                : Optional.of(
                                        rs.getObject(2, OffsetDateTime.class).toInstant()));
            }
        }
        return out;
    }

    private static void releaseLock(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute(UNLOCK);
        } catch (SQLException ignored) {
            // the connection is gone, and the lock with it
        }
    }
}
