package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/alerts} (filters: state, rule, severity, subject, since) and acknowledgement. */
@RestController
class AlertController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS =
            "id, rule_id, report_item, subject_kind, subject_id, parameter, severity, state,"
                    + " period_start, period_end, observed, target, margin, unit, message_zh, message_en, evidence::text AS evidence,"
                    + " opened_at, last_seen_at, acknowledged_at, acknowledged_by, ack_comment, resolved_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AlertController(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    record Ack(String who, String comment) {}

    @GetMapping("/api/alerts")
    List<Map<String, Object>> alerts(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) Instant since,
            @RequestParam(defaultValue = "500") int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE true");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "state", state);
        filter(sql, args, "rule_id", rule);
        filter(sql, args, "severity", severity);
        filter(sql, args, "subject_id", subject);
        if (since != null) {
            sql.append(" AND last_seen_at >= ?");
            args.add(Timestamp.from(since));
        }
        sql.append(" ORDER BY last_seen_at DESC LIMIT ?");
        args.add(Math.max(1, Math.min(limit, 5000)));
        return jdbc.queryForList(sql.toString(), args.toArray());
    }

    @PostMapping("/api/alerts/{id}/ack")
    ResponseEntity<?> acknowledge(@PathVariable long id, @RequestBody Ack ack) {
        if (ack == null || ack.who() == null || ack.who().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "\"who\" is required"));
        }
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update(
                "UPDATE alert SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, ack_comment = ?"
                        + " WHERE id = ? AND state = 'open'",
                now,
                ack.who(),
                ack.comment(),
                id);
        if (updated == 0) {
            List<String> state = jdbc.queryForList("SELECT state FROM alert WHERE id = ?", String.class, id);
            return state.isEmpty()
                    ? ResponseEntity.notFound().build()
                    : ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "alert is " + state.get(0)));
        }
        jdbc.update(
                "INSERT INTO alert_event (alert_id, at, kind, actor, detail) VALUES (?, ?, 'acknowledged', ?, ?::jsonb)",
                id,
                now,
                ack.who(),
                JSON.writeValueAsString(Map.of("comment", ack.comment() == null ? "" : ack.comment())));
        return ResponseEntity.ok(jdbc.queryForMap("SELECT " + COLUMNS + " FROM alert WHERE id = ?", id));
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
