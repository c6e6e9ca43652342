package org.urad.envmon.ingest.extract;

import java.util.List;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.urad.envmon.ingest.marks.MarkKind;

/** The data marks of the period: every monitor's marks overlapping it, in their current versions. */
final class MarkSheet {

    private static final String MARKS = """
            SELECT c.mark_id, c.version, c.device_id,
                   coalesce(m.enterprise || m.outlet, d.name, c.device_id) AS monitor,
                   c.parameter, c.starts_at, c.ends_at,
                   extract(epoch FROM least(c.ends_at, :end) - greatest(c.starts_at, :start)) / 3600 AS hours,
                   c.kind, c.reason, concat_ws(' ', c.evidence_note, c.evidence_ref) AS evidence,
                   c.source, c.author, c.made_at, c.late, c.status, c.reviewer, c.review_reason
            FROM data_mark_current c
            JOIN device d ON d.id = c.device_id
            LEFT JOIN monitor m ON m.device_id = c.device_id
            WHERE c.starts_at < :end AND c.ends_at > :start
            ORDER BY c.device_id, c.starts_at, c.mark_id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    MarkSheet(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<MarkLine> compute(ReportPeriod period) {
        var params = Sql.bounds(period, period.endInstant());
        return jdbc.query(MARKS, params, (rs, i) -> {
            String kind = rs.getString("kind");
            return new MarkLine(
                    rs.getLong("mark_id"),
                    rs.getInt("version"),
                    rs.getString("device_id"),
                    rs.getString("monitor"),
                    rs.getString("parameter"),
                    rs.getTimestamp("starts_at").toInstant(),
                    rs.getTimestamp("ends_at").toInstant(),
                    Columns.round(rs.getDouble("hours")),
                    kind,
                    MarkKind.fromCode(kind).map(MarkKind::zh).orElse(kind),
                    rs.getString("reason"),
                    rs.getString("evidence").isEmpty() ? null : rs.getString("evidence"),
                    rs.getString("source"),
                    rs.getString("author"),
                    rs.getTimestamp("made_at").toInstant(),
                    rs.getBoolean("late"),
                    rs.getString("status"),
                    rs.getString("reviewer"),
                    rs.getString("review_reason"));
        });
    }
}
