package org.urad.envmon.ingest.store;

import java.io.IOException;
import java.io.StringReader;
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
 * Writes readings idempotently: COPY into a session-local staging table, then per family {@code
 * INSERT … ON CONFLICT DO NOTHING}. Rows whose key exists with another value or flag go to {@code
 * reading_revision}; the stored row is never overwritten.
 */
final class ReadingCopyWriter {

    private static final String STAGE_DDL = "CREATE TEMP TABLE IF NOT EXISTS ingest_stage ("
            + "family text, device_id text, parameter text, period text, stat text, ts timestamptz,"
            + " value double precision, flag char(1), valid boolean, seq bigint) ON COMMIT DELETE ROWS";
    private static final String COPY = "COPY ingest_stage FROM STDIN (FORMAT text)";
    private static final String COLUMNS = "device_id, parameter, period, stat, ts, value, flag, valid, seq";

    record Counts(long stored, long duplicates, long revised) {}

    Counts write(Connection connection, List<Reading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return new Counts(0, 0, 0);
        }
        try (Statement s = connection.createStatement()) {
            s.execute(STAGE_DDL);
        }
        Map<Family, Integer> staged = copy(connection, readings);
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

    private static Map<Family, Integer> copy(Connection connection, List<Reading> readings) throws SQLException {
        Map<Family, Integer> staged = new EnumMap<>(Family.class);
        StringBuilder rows = new StringBuilder(readings.size() * 96);
        for (Reading r : readings) {
            staged.merge(r.family(), 1, Integer::sum);
            rows.append(r.family().code()).append('\t');
            CopyText.append(rows, r.deviceId()).append('\t');
            CopyText.append(rows, r.parameter()).append('\t');
            rows.append(r.period().code()).append('\t');
            rows.append(r.statistic().code()).append('\t');
            rows.append(r.time()).append('\t');
            rows.append(r.value()).append('\t');
            rows.append(r.flag().name()).append('\t');
            rows.append(r.valid() ? 't' : 'f').append('\t');
            rows.append(r.sequence() == null ? "\\N" : r.sequence().toString()).append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into staging failed", e);
        }
        return staged;
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
