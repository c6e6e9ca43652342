package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.urad.envmon.ingest.security.AuditLog;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a person does to an alert: acknowledge it (open → acknowledged) or resolve it by hand (open or
 * acknowledged → resolved), each with a comment. The change, its alert event and its audit row commit
 * together. Used by the API ({@code POST /api/alerts/{id}/ack}) and the console.
 */
@Service
public class AlertActions {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STATE = "SELECT id, state, acknowledged_by, ack_comment FROM alert WHERE id = ?";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditLog audit;

    public AlertActions(DataSource dataSource, Clock clock, AuditLog audit) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.audit = audit;
    }

    /** How an action ended: {@code DONE}, or why nothing changed. */
    public enum Result {
        DONE,
        NOT_FOUND,
        /** the alert is not in a state the action applies to */
        CONFLICT
    }

    /** Acknowledges an open alert as {@code who}. */
    public Result acknowledge(long id, String who, String comment) {
        return audit.inTransaction(() -> change(
                id,
                who,
                comment,
                "UPDATE alert SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, ack_comment = ?"
                        + " WHERE id = ? AND state = 'open'",
                "acknowledged",
                "alert.acknowledge"));
    }

    /**
     * Resolves an open or acknowledged alert by hand (the fault was repaired, the finding was wrong). The
     * rules open a new alert if the condition is still there at their next evaluation.
     */
    public Result resolve(long id, String who, String comment) {
        return audit.inTransaction(() -> change(
                id,
                who,
                comment,
                "UPDATE alert SET state = 'resolved', resolved_at = ?,"
                        + " acknowledged_by = COALESCE(acknowledged_by, ?), ack_comment = COALESCE(ack_comment, ?)"
                        + " WHERE id = ? AND state <> 'resolved'",
                "resolved",
                "alert.resolve"));
    }

    /** The state an alert is in, or null when there is none with this id. */
    public String state(long id) {
        List<String> states = jdbc.queryForList("SELECT state FROM alert WHERE id = ?", String.class, id);
        return states.isEmpty() ? null : states.get(0);
    }

    private Result change(long id, String who, String comment, String update, String event, String action) {
        List<Map<String, Object>> before = jdbc.queryForList(STATE + " FOR UPDATE", id);
        if (before.isEmpty()) {
            return Result.NOT_FOUND;
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update(update, now, who, comment, id) == 0) {
            return Result.CONFLICT;
        }
        jdbc.update(
                "INSERT INTO alert_event (alert_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?::jsonb)",
                id,
                now,
                event,
                who,
                JSON.writeValueAsString(Map.of("comment", comment == null ? "" : comment)));
        audit.record(action, "alert/" + id, before.get(0), jdbc.queryForMap(STATE, id));
        return Result.DONE;
    }
}
