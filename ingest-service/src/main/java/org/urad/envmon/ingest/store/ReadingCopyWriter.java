package org.urad.envmon.ingest.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * redeliveries come in runs. Either way the writer says which readings it stored for the first time:
 * only those go on to the point rules.
 */
final class ReadingCopyWriter {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "device_id, parameter, period, stat, ts, value, flag, valid, seq";
    private static final String STAGE_DDL = "CREATE TEMP TABLE IF NOT EXISTS ingest_stage ("
            + "family text, device_id text, parameter text, period text, stat text, ts timestamptz,"
            + " value double precision, flag char(1), valid boolean, seq bigint) ON COMMIT DELETE ROWS";

    /**
     * What one write did.
     *
     * @param fresh the readings stored for the first time; {@code null} when all of them were
     */
    record Counts(long stored, long duplicates, long revised, Set<StoredKey> fresh) {

        boolean isFresh(Reading r) {
            return fresh == null || fresh.remove(StoredKey.of(r));
        }
    }

    /** A stored row as PostgreSQL holds it (microsecond time), to tell which readings a write stored. */
    record StoredKey(
            String deviceId, String parameter, String period, String stat, Instant time, double value, String flag) {

        static StoredKey of(Reading r) {
            return new StoredKey(
                    r.deviceId(),
                    r.parameter(),
                    r.period().code(),
                    r.statistic().code(),
                    r.time().truncatedTo(ChronoUnit.MICROS),
                    r.value(),
                    r.flag().name());
        }
    }

    private boolean conflictsLastTime;

    Counts write(Connection connection, List<Reading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return new Counts(0, 0, 0, null);
        }
        if (!conflictsLastTime && copyDirect(connection, readings)) {
            return new Counts(readings.size(), 0, 0, null);
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
        Set<StoredKey> fresh = new HashSet<>();
        long revised = 0;
        for (Map.Entry<Family, Integer> e : staged.entrySet()) {
            int before = fresh.size();
            insert(connection, e.getKey(), fresh);
            if (fresh.size() - before < e.getValue()) {
                revised += revise(connection, e.getKey());
            }
        }
        long stored = fresh.size();
        return new Counts(stored, readings.size() - stored - revised, revised, fresh);
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

    /** Inserts the staged rows of one family whose key is new, adding each stored row to {@code fresh}. */
    private static void insert(Connection connection, Family family, Set<StoredKey> fresh) throws SQLException {
        String sql = "INSERT INTO " + family.table() + " (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM ingest_stage WHERE family = ? ON CONFLICT DO NOTHING"
                + " RETURNING device_id, parameter, period, stat, ts, value, flag";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, family.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(new StoredKey(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(),
                            rs.getDouble(6),
                            rs.getString(7)));
                }
            }
        }
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
