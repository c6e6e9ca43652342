package org.urad.envmon.ingest.rules;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.urad.envmon.ingest.api.CamelCase;
import org.urad.envmon.ingest.api.Cursor;
import org.urad.envmon.ingest.api.Page;
import org.urad.envmon.ingest.security.AuditLog;

/**
 * {@code GET /api/alerts} (filters: state, rule, severity, subject, since; newest opened first, a page at a
 * time) and acknowledgement. Alerts are shown with camelCase names, their evidence as an object.
 */
@RestController
@Tag(name = "alerts", description = "告警 Alerts")
class AlertController {

    private static final String COLUMNS =
            "id, rule_id, report_item, subject_kind, subject_id, parameter, severity, state,"
                    + " period_start, period_end, observed, target, margin, unit, message_zh, message_en, evidence,"
                    + " opened_at, last_seen_at, acknowledged_at, acknowledged_by, ack_comment, resolved_at";

    private final JdbcTemplate jdbc;
    private final AlertActions actions;

    AlertController(DataSource dataSource, AlertActions actions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.actions = actions;
    }

    record Ack(String who, String comment) {}

    @GetMapping("/api/alerts")
    @Operation(summary = "告警列表 Alerts, newest opened first, paged")
    Page<Map<String, Object>> alerts(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) Instant since,
            @RequestParam(defaultValue = Page.DEFAULT_LIMIT_TEXT) int limit,
            @RequestParam(required = false) String cursor) {
        Optional<Cursor> after = Cursor.decode(cursor, 2);
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
        if (after.isPresent()) {
            sql.append(" AND (opened_at, id) < (?, ?)");
            args.add(Timestamp.from(after.get().instant(0)));
            args.add(after.get().number(1));
        }
        int n = Page.limit(limit);
        sql.append(" ORDER BY opened_at DESC, id DESC LIMIT ?");
        args.add(n + 1);
        List<Map<String, Object>> rows = jdbc.query(sql.toString(), CamelCase.rows(), args.toArray());
        return Page.of(rows, n, a -> Cursor.of(a.get("openedAt"), a.get("id")));
    }

    /**
     * Acknowledges an open alert. The acknowledging user is the authenticated one ({@code who} in the body is
     * only used when the API runs without authentication, as in tests of the controller alone); the change,
     * its alert event and its audit row commit together ({@link AlertActions}).
     */
    @PostMapping("/api/alerts/{id}/ack")
    @Operation(summary = "确认告警 Acknowledge an open alert (operator)")
    ResponseEntity<?> acknowledge(@PathVariable long id, @RequestBody Ack ack) {
        String actor = AuditLog.actor();
        String who = !"system".equals(actor) ? actor : ack == null ? null : ack.who();
        if (who == null || who.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "\"who\" is required");
        }
        String comment = ack == null ? null : ack.comment();
        return switch (actions.acknowledge(id, who, comment)) {
            case DONE ->
                ResponseEntity.ok(
                        jdbc.queryForObject("SELECT " + COLUMNS + " FROM alert WHERE id = ?", CamelCase.rows(), id));
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
