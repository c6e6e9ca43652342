package org.urad.envmon.ingest.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.urad.envmon.ingest.reading.Family;

/** Reads alerts, their history and the readings behind them, for the console's alert pages. */
@Component
class AlertQueries {

    private static final String SELECT = """
            SELECT a.id, a.rule_id, a.report_item, a.subject_kind, a.subject_id, COALESCE(d.name, vs.name, a.subject_id),
                   a.parameter, a.severity, a.state, a.period_start, a.period_end, a.observed, a.target, a.margin,
                   a.unit, a.message_zh, a.message_en, a.evidence::text, a.opened_at, a.last_seen_at,
                   a.acknowledged_at, a.acknowledged_by, a.ack_comment, a.resolved_at, v.township, v.id, v.name
            FROM alert a
            LEFT JOIN device d ON a.subject_kind IN ('device', 'well') AND d.id = a.subject_id
            LEFT JOIN well w ON a.subject_kind IN ('device', 'well') AND w.device_id = a.subject_id
            LEFT JOIN village vs ON a.subject_kind = 'village' AND vs.id = a.subject_id
            LEFT JOIN village v ON v.id = COALESCE(w.village_id, vs.id)
            """;

    private final JdbcClient jdbc;

    AlertQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AlertRow> list(AlertFilter f, int limit) {
        return jdbc.sql(SELECT + """
                        WHERE (:state::text IS NULL OR a.state = :state)
                          AND (:rule::text IS NULL OR a.rule_id = :rule)
                          AND (:item::text IS NULL OR a.report_item = :item)
                          AND (:township::text IS NULL OR v.township = :township)
                          AND (:village::text IS NULL OR v.id = :village)
                          AND (:device::text IS NULL OR (a.subject_kind IN ('device', 'well') AND a.subject_id = :device))
                        ORDER BY CASE a.state WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END,
                                 a.last_seen_at DESC
                        LIMIT :limit
                        """)
                .param("state", f.state())
                .param("rule", f.rule())
                .param("item", f.item())
                .param("township", f.township())
                .param("village", f.village())
                .param("device", f.device())
                .param("limit", limit)
                .query(AlertQueries::row)
                .list();
    }

    Optional<AlertRow> find(long id) {
        return jdbc.sql(SELECT + " WHERE a.id = :id")
                .param("id", id)
                .query(AlertQueries::row)
                .optional();
    }

    /** How many alerts are in each state. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.HashMap<>(Map.of("open", 0L, "acknowledged", 0L, "resolved", 0L));
        jdbc.sql("SELECT state, count(*) FROM alert GROUP BY state").query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    record Event(Instant at, String kind, String actor, String detail) {}

    List<Event> events(long id) {
        return jdbc.sql("SELECT at, kind, actor, detail::text FROM alert_event WHERE alert_id = :id ORDER BY at, id")
                .param("id", id)
                .query((rs, n) ->
                        new Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** The report items and townships there are, for the filter lists. */
    List<String> reportItems() {
        return jdbc.sql("SELECT DISTINCT report_item FROM alert ORDER BY 1")
                .query(String.class)
                .list();
    }

    List<String> townships() {
        return jdbc.sql("SELECT DISTINCT township FROM village WHERE township IS NOT NULL ORDER BY 1")
                .query(String.class)
                .list();
    }

    /**
     * Valid values of one parameter of one device between {@code from} and {@code to}, averaged into at most
     * about 240 buckets so that a quarter draws as quickly as an hour.
     */
    List<ReadingChart.Point> readings(Family family, String deviceId, String parameter, Instant from, Instant to) {
        long bucket = Math.max(60, Duration.between(from, to).toSeconds() / 240);
        return jdbc.sql("SELECT to_timestamp(floor(extract(epoch FROM ts) / :bucket) * :bucket) AS t, avg(value)"
                        + " FROM " + family.table()
                        + " WHERE device_id = :device AND parameter = :parameter AND valid AND stat IN ('val', 'avg')"
                        + " AND ts >= :from AND ts < :to GROUP BY 1 ORDER BY 1")
                .param("bucket", bucket)
                .param("device", deviceId)
                .param("parameter", parameter)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new ReadingChart.Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2)))
                .list();
    }

    private static AlertRow row(ResultSet rs, int n) throws SQLException {
        return new AlertRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                instant(rs, 10),
                instant(rs, 11),
                number(rs, 12),
                number(rs, 13),
                number(rs, 14),
                rs.getString(15),
                rs.getString(16),
                rs.getString(17),
                rs.getString(18),
                instant(rs, 19),
                instant(rs, 20),
                instant(rs, 21),
                rs.getString(22),
                rs.getString(23),
                instant(rs, 24),
                rs.getString(25),
                rs.getString(26),
                rs.getString(27));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
