package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.security.AuditLog;

/** {@code GET /api/alerts} (filters: state, rule, severity, subject, since) and acknowledgement. */
@RestController
class AlertController {

    private static final String COLUMNS =
            "id, rule_id, report_item, subject_kind, subject_id, parameter, severity, state,"
                    + " period_start, period_end, observed, target, margin, unit, message_zh, message_en, evidence::text AS evidence,"
                    + " opened_at, last_seen_at, acknowledged_at, acknowledged_by, ack_comment, resolved_at";

    private final JdbcTemplate jdbc;
    private final AlertActions actions;

    AlertController(DataSource dataSource, AlertActions actions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.actions = actions;
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

    /**
     * Acknowledges an open alert. The acknowledging user is the authenticated one ({@code who} in the body is
     * only used when the API runs without authentication, as in tests of the controller alone); the change,
     * its alert event and its audit row commit together ({@link AlertActions}).
     */
    @PostMapping("/api/alerts/{id}/ack")
    ResponseEntity<?> acknowledge(@PathVariable long id, @RequestBody Ack ack) {
        String actor = AuditLog.actor();
        String who = !"system".equals(actor) ? actor : ack == null ? null : ack.who();
        if (who == null || who.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "\"who\" is required");
        }
        String comment = ack == null ? null : ack.comment();
        return switch (actions.acknowledge(id, who, comment)) {
            case DONE -> ResponseEntity.ok(jdbc.queryForMap("SELECT " + COLUMNS + " FROM alert WHERE id = ?", id));
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "no alert with id " + id);
            case CONFLICT -> problem(HttpStatus.CONFLICT, "alert " + id + " is " + actions.state(id));
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
