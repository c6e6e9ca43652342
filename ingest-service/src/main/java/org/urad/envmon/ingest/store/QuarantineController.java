package org.urad.envmon.ingest.store;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.urad.envmon.ingest.api.Cursor;
import org.urad.envmon.ingest.api.Page;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read access to quarantined messages, newest first, a page at a time, so that a sender's fault can be traced.
 * The open ones by default; {@code state=replayed} lists those a replay closed, with what they became, {@code
 * state=all} both.
 */
@RestController
@RequestMapping("/api/quarantine")
@Tag(name = "quarantine", description = "隔离区 Quarantined messages")
class QuarantineController {

    record QuarantinedMessage(
            long id,
            String topic,
            String deviceId,
            String format,
            String reason,
            String detail,
            String payloadText,
            String payloadBase64,
            Instant receivedAt,
            Instant lastSeenAt,
            Replay replay) {}

    /**
     * The last replay of a row: {@code outcome} is {@code stored, duplicate, quarantined} (the row is closed:
     * {@code replayedAt}, {@code replayedBy}) or {@code unchanged} (failed again for the same reason; still
     * open); {@code quarantineId} is the row holding it when it failed for another reason; {@code result} the
     * readings it gave (device, count, parameters, first and last time).
     */
    record Replay(
            int attempts,
            Instant lastAttemptAt,
            String lastAttemptBy,
            String outcome,
            Instant replayedAt,
            String replayedBy,
            Long quarantineId,
            Map<String, Object> result) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    QuarantineController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    @Operation(summary = "隔离消息 Quarantined messages, newest first, paged")
    Page<QuarantinedMessage> list(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String device,
            @RequestParam(defaultValue = "open") String state,
            @RequestParam(defaultValue = Page.DEFAULT_LIMIT_TEXT) int limit,
            @RequestParam(required = false) String cursor) {
        Optional<Cursor> after = Cursor.decode(cursor, 2);
        int n = Page.limit(limit);
        List<QuarantinedMessage> rows = jdbc.sql(
                        "SELECT id, topic, device_id, format, reason, detail, payload, received_at, last_seen_at,"
                                + " replay_attempts, last_replay_at, last_replay_by, replay_outcome, replayed_at,"
                                + " replayed_by, replay_quarantine_id, replay_result::text AS replay_result"
                                + " FROM quarantine WHERE (:reason::text IS NULL OR reason = :reason)"
                                + " AND (:device::text IS NULL OR device_id = :device) AND " + stateCondition(state)
                                + " AND (:afterTime::timestamptz IS NULL OR (received_at, id) < (:afterTime, :afterId))"
                                + " ORDER BY received_at DESC, id DESC LIMIT :limit")
                .param("reason", reason)
                .param("device", device)
                .param("afterTime", after.map(c -> Timestamp.from(c.instant(0))).orElse(null))
                .param("afterId", after.map(c -> c.number(1)).orElse(0L))
                .param("limit", n + 1)
                .query((rs, i) -> {
                    byte[] payload = rs.getBytes("payload");
                    return new QuarantinedMessage(
                            rs.getLong("id"),
                            rs.getString("topic"),
                            rs.getString("device_id"),
                            rs.getString("format"),
                            rs.getString("reason"),
                            rs.getString("detail"),
                            new String(payload, StandardCharsets.UTF_8),
                            Base64.getEncoder().encodeToString(payload),
                            rs.getTimestamp("received_at").toInstant(),
                            rs.getTimestamp("last_seen_at").toInstant(),
                            replay(rs));
                })
                .list();
        return Page.of(rows, n, m -> Cursor.of(m.receivedAt(), m.id()));
    }
    /** The condition for {@code state}: {@code open} (the default), {@code replayed} or {@code all}. */
    static String stateCondition(String state) {
        return switch (state == null ? "open" : state) {
            case "replayed" -> "replayed_at IS NOT NULL";
            case "all" -> "true";
            case "open" -> "replayed_at IS NULL";
            default ->
                throw new ResponseStatusException(
                        HttpStatus.BAD_REQUEST, "state must be open, replayed or all, not " + state);
        };
    }

    private static Replay replay(ResultSet rs) throws SQLException {
        if (rs.getInt("replay_attempts") == 0) {
            return null;
        }
        String result = rs.getString("replay_result");
        Long other = rs.getObject("replay_quarantine_id", Long.class);
        return new Replay(
                rs.getInt("replay_attempts"),
                instant(rs.getTimestamp("last_replay_at")),
                rs.getString("last_replay_by"),
                rs.getString("replay_outcome"),
                instant(rs.getTimestamp("replayed_at")),
                rs.getString("replayed_by"),
                other,
                result == null ? null : JSON.readValue(result, new TypeReference<Map<String, Object>>() {}));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
