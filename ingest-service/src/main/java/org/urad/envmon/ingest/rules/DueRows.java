package org.urad.envmon.ingest.rules;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code point_rule_due} rows (V23): what the point rules owe for committed batches, written with the
 * batches by the store. Deleted once judged; the ones left over are claimed by the sweep under a lease, so
 * that several instances never judge the same row at once.
 */
final class DueRows {

    /** One device's values of one kind that a committed batch stored, {@code [from, to]}. */
    record Due(long id, String kind, String deviceId, PointRuleBacklog.Range range) {}

    private static final String CLAIM = """
            UPDATE point_rule_due SET claimed_until = now() + ?::interval
             WHERE id IN (SELECT id FROM point_rule_due
                           WHERE committed_at <= now() - ?::interval
                             AND (claimed_until IS NULL OR claimed_until <= now())
                           ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id, kind, device_id, ts_from, ts_to""";

    private final JdbcTemplate jdbc;
    private final AtomicLong counted = new AtomicLong();

    DueRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes up to {@code limit} rows committed at least {@code after} ago that no one holds, and holds them for
     * {@code after} (a sweep that dies leaves them to the next one); oldest first.
     */
    List<Due> claim(Duration after, int limit) {
        String interval = after.toMillis() + " milliseconds";
        return jdbc.query(
                CLAIM,
                (rs, i) -> new Due(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        new PointRuleBacklog.Range(
                                rs.getTimestamp(4).toInstant(),
                                rs.getTimestamp(5).toInstant())),
                interval,
                interval,
                limit);
    }

    /** Deletes judged rows. */
    void delete(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Integer>) c -> delete(c, ids));
    }

    private static int delete(Connection c, List<Long> ids) throws SQLException {
        Array array = c.createArrayOf("bigint", ids.toArray());
        try (var s = c.prepareStatement("DELETE FROM point_rule_due WHERE id = ANY(?)")) {
            s.setArray(1, array);
            return s.executeUpdate();
        }
    }

    /** Counts the rows; {@link #counted} says it until the next count. */
    long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM point_rule_due", Long.class);
        counted.set(n == null ? 0 : n);
        return counted.get();
    }

    /** The rows at the last count. */
    long counted() {
        return counted.get();
    }
}
