package org.urad.envmon.ingest.marks;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.reading.Family;

/** The marks in the database: versions and reviews are only inserted (V19 refuses anything else). */
final class MarkStore {

    /** A monitor a mark may cover. */
    record Monitor(String deviceId, Family family, String enterprise) {}

    /** Who made a version, when, from which side, and by when it was due. */
    record Made(String source, String author, Instant at, Instant due) {}

    static final String CURRENT_COLUMNS = """
            m.mark_id, m.version, m.device_id, m.parameter, m.starts_at, m.ends_at, m.kind, m.reason,
            m.evidence_note, m.evidence_ref, m.source, m.author, m.made_at, m.due_at, m.late, m.status,
            m.review_reason, m.reviewer, m.reviewed_at, mo.enterprise""";

    private static final String INSERT = """
            INSERT INTO data_mark (mark_id, version, device_id, parameter, starts_at, ends_at, kind, reason,
                                   evidence_note, evidence_ref, source, author, made_at, due_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String ABNORMAL_HOURS = """
            WITH mon AS (
                SELECT d.id, d.family FROM device d JOIN monitor m ON m.device_id = d.id
                WHERE d.active AND d.family IN ('cems', 'water_quality')
                  AND (?::text IS NULL OR m.enterprise = ?)),
            seen AS (
                SELECT device_id, date_trunc('hour', ts) AS h FROM cems_reading WHERE ts >= ? AND ts < ? GROUP BY 1, 2
                UNION
                SELECT device_id, date_trunc('hour', ts) FROM water_quality_reading WHERE ts >= ? AND ts < ? GROUP BY 1, 2),
            began AS (
                SELECT mon.id FROM mon WHERE EXISTS (SELECT 1 FROM cems_reading r WHERE r.device_id = mon.id AND r.ts < ?)
                   OR EXISTS (SELECT 1 FROM water_quality_reading r WHERE r.device_id = mon.id AND r.ts < ?)),
            abnormal AS (
                SELECT b.id AS device_id, g.h, 'missing' AS why
                FROM began b, generate_series(?::timestamptz, ?::timestamptz - INTERVAL '1 hour', INTERVAL '1 hour') g(h)
                WHERE NOT EXISTS (SELECT 1 FROM seen s WHERE s.device_id = b.id AND s.h = g.h)
                UNION
                SELECT f.device_id, f.hour, f.flag FROM logger_flag_hours(?, ?) f
                JOIN mon ON mon.id = f.device_id WHERE f.flag IN ('F', 'M', 'D', 'C', 'B'))
            SELECT a.device_id, a.h, a.why FROM abnormal a(device_id, h, why)
            WHERE NOT EXISTS (
                SELECT 1 FROM data_mark_current c WHERE c.status <> 'rejected' AND c.device_id = a.device_id
                AND c.starts_at < a.h + INTERVAL '1 hour' AND c.ends_at > a.h)
            ORDER BY a.device_id, a.h, a.why
            """;

    private final JdbcTemplate jdbc;

    MarkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Monitor> monitor(String deviceId) {
        return jdbc
                .query(
                        "SELECT d.id, d.family, m.enterprise FROM device d JOIN monitor m ON m.device_id = d.id"
                                + " WHERE d.id = ?",
                        (rs, i) -> new Monitor(
                                rs.getString(1),
                                Family.fromCode(rs.getString(2)).orElseThrow(),
                                rs.getString(3)),
                        deviceId)
                .stream()
                .findFirst();
    }

    /** Inserts version 1 of a new mark; returns its mark id. */
    long create(MarkDraft d, Made made) {
        long markId = jdbc.queryForObject("SELECT nextval('data_mark_number')", Long.class);
        insert(markId, 1, d, made);
        return markId;
    }

    /** Inserts the next version of {@code markId}; returns its version number. */
    int correct(long markId, MarkDraft d, Made made) {
        int version =
                jdbc.queryForObject("SELECT max(version) FROM data_mark WHERE mark_id = ?", Integer.class, markId) + 1;
        insert(markId, version, d, made);
        return version;
    }

    void review(long markId, int version, String decision, String reason, String reviewer, Instant at) {
        jdbc.update(
                "INSERT INTO data_mark_review (mark_id, version, decision, reason, reviewer, reviewed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                markId,
                version,
                decision,
                reason,
                reviewer,
                ts(at));
    }

    /** The mark's current version and state, or empty. */
    Optional<Map<String, Object>> current(long markId) {
        return jdbc
                .queryForList(
                        "SELECT " + CURRENT_COLUMNS
                                + " FROM data_mark_current m JOIN monitor mo ON mo.device_id = m.device_id"
                                + " WHERE m.mark_id = ?",
                        markId)
                .stream()
                .findFirst();
    }

    /** Every version of the mark, oldest first, each with its reviews. */
    List<Map<String, Object>> history(long markId) {
        List<Map<String, Object>> versions =
                jdbc.queryForList("SELECT * FROM data_mark WHERE mark_id = ? ORDER BY version", markId);
        for (Map<String, Object> v : versions) {
            v.put(
                    "reviews",
                    jdbc.queryForList(
                            "SELECT decision, reason, reviewer, reviewed_at FROM data_mark_review"
                                    + " WHERE mark_id = ? AND version = ? ORDER BY id",
                            markId,
                            v.get("version")));
        }
        return versions;
    }

    /** Where a mark stands in the list's order (device, start, mark id). */
    record Key(String deviceId, Instant startsAt, long markId) {}

    /**
     * Current marks overlapping [from, to), optionally of one device or one enterprise's monitors, ordered by
     * device, start and mark id: the first {@code limit}, or those after {@code after} when it is not null.
     */
    List<Map<String, Object>> list(String device, String enterprise, Instant from, Instant to, Key after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + CURRENT_COLUMNS
                + " FROM data_mark_current m JOIN monitor mo ON mo.device_id = m.device_id"
                + " WHERE m.starts_at < ? AND m.ends_at > ?");
        List<Object> args = new ArrayList<>(List.of(ts(to), ts(from)));
        if (device != null) {
            sql.append(" AND m.device_id = ?");
            args.add(device);
        }
        if (enterprise != null) {
            sql.append(" AND mo.enterprise = ?");
            args.add(enterprise);
        }
        if (after != null) {
            sql.append(" AND (m.device_id, m.starts_at, m.mark_id) > (?, ?, ?)");
            args.add(after.deviceId());
            args.add(ts(after.startsAt()));
            args.add(after.markId());
        }
        sql.append(" ORDER BY m.device_id, m.starts_at, m.mark_id LIMIT ?");
        args.add(limit);
        return jdbc.queryForList(sql.toString(), args.toArray());
    }

    /** Unmarked abnormal hours of [from, to) (whole hours), optionally of one enterprise's monitors. */
    List<MarkTasks.Hour> abnormalHours(String enterprise, Instant from, Instant to) {
        Timestamp f = ts(from);
        Timestamp t = ts(to);
        return jdbc.query(
                ABNORMAL_HOURS,
                (rs, i) ->
                        new MarkTasks.Hour(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                enterprise,
                enterprise,
                f,
                t,
                f,
                t,
                t,
                t,
                f,
                t,
                f,
                t);
    }

    private void insert(long markId, int version, MarkDraft d, Made made) {
        jdbc.update(
                INSERT,
                markId,
                version,
                d.deviceId(),
                d.parameter(),
                ts(d.start()),
                ts(d.end()),
                d.kind(),
                d.reason(),
                d.note(),
                d.attachment(),
                made.source(),
                made.author(),
                ts(made.at()),
                ts(made.due()));
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.from(t);
    }
}
