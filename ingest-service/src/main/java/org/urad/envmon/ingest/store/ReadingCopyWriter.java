package org.urad.envmon.ingest.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Reading;

/**
 * Writes readings idempotently. The usual batch holds only new keys, so it is copied straight into
 * the family tables under a savepoint. When a key is already stored (a redelivery, or a value sent
 * again), the direct copy fails as a whole and the batch goes the careful way: COPY into a
 * session-local staging table, then per family {@code INSERT … ON CONFLICT DO NOTHING}; rows whose
 * key exists with another value or flag go to {@code reading_revision}, and the stored row is
 * never overwritten. After a batch with conflicts the next one goes the careful way directly, since
 * redeliveries come in runs.
 */
final class ReadingCopyWriter {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "device_id, parameter, period, stat, ts, value, flag, valid, seq";
    private static final String STAGE_DDL = "CREATE TEMP TABLE IF NOT EXISTS ingest_stage ("
            + "family text, device_id text, parameter text, period text, stat text, ts timestamptz,"
            + " value double precision, flag char(1), valid boolean, seq bigint) ON COMMIT DELETE ROWS";

    record Counts(long stored, long duplicates, long revised) {}

    private boolean conflictsLastTime;

    Counts write(Connection connection, List<Reading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return new Counts(0, 0, 0);
        }
        if (!conflictsLastTime && copyDirect(connection, readings)) {
            return new Counts(readings.size(), 0, 0);
        }
        Counts counts = staged(connection, readings);
        conflictsLastTime = counts.stored() < readings.size();
        return counts;
    }

    /** Copies each family's rows into its table; false (and nothing written) if a key exists. */
    private static boolean copyDirect(Connection connection, List<Reading> readings) throws SQLException {
        Map<Family, CopyBinary> rows = new EnumMap<>(Family.class);
        for (Reading r : readings) {
            row(
                    rows.computeIfAbsent(r.family(), f -> new CopyBinary(readings.size()))
                            .row(9),
                    r);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SAVEPOINT direct_copy");
            try {
                for (Map.Entry<Family, CopyBinary> e : rows.entrySet()) {
                    copy(
                            connection,
                            "COPY " + e.getKey().table() + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)",
                            e.getValue());
                }
                s.execute("RELEASE SAVEPOINT direct_copy");
                return true;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                s.execute("ROLLBACK TO SAVEPOINT direct_copy");
                return false;
            }
        }
    }

    private static Counts staged(Connection connection, List<Reading> readings) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(STAGE_DDL);
        }
        Map<Family, Integer> staged = new EnumMap<>(Family.class);
        CopyBinary rows = new CopyBinary(readings.size());
        for (Reading r : readings) {
            staged.merge(r.family(), 1, Integer::sum);
            row(rows.row(10).text(r.family().code()), r);
        }
        copy(connection, "COPY ingest_stage FROM STDIN (FORMAT binary)", rows);
        long stored = 0;
        long revised = 0;
        for (Map.Entry<Family, Integer> e : staged.entrySet()) {
            long inserted = insert(connection, e.getKey());
            stored += inserted;
            if (inserted < e.getValue()) {
                revised += revise(connection, e.getKey());
            }
        }
        return new Counts(stored, readings.size() - stored - revised, revised);
    }

    /** The fields of one row in {@link #COLUMNS} order. */
    private static void row(CopyBinary out, Reading r) {
        out.text(r.deviceId())
                .text(r.parameter())
                .text(r.period().code())
                .text(r.statistic().code())
                .timestamp(r.time())
                .float8(r.value())
                .text(r.flag().name())
                .bool(r.valid())
                .int8(r.sequence());
    }

    private static void copy(Connection connection, String sql, CopyBinary rows) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(rows.finish()));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + sql, e);
        }
    }

    private static long insert(Connection connection, Family family) throws SQLException {
        String sql = "WITH ins AS (INSERT INTO " + family.table() + " (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM ingest_stage WHERE family = ? ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM ins";
        return count(connection, sql, family);
    }

    private static long revise(Connection connection, Family family) throws SQLException {
        String sql = "WITH rev AS (INSERT INTO reading_revision (family, " + COLUMNS.replace(", valid", "") + ")"
                + " SELECT s.family, s.device_id, s.parameter, s.period, s.stat, s.ts, s.value, s.flag, s.seq"
                + " FROM ingest_stage s JOIN " + family.table() + " r"
                + " USING (device_id, parameter, period, stat, ts)"
                + " WHERE s.family = ? AND (r.value <> s.value OR r.flag <> s.flag)"
                + " ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM rev";
        return count(connection, sql, family);
    }

    private static long count(Connection connection, String sql, Family family) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, family.code());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
