package org.urad.envmon.ingest.store;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read access to quarantined messages, newest first, so that a sender's fault can be traced. The open ones by
 * default; {@code state=replayed} lists those a replay closed, with what they became, {@code state=all} both.
 */
@RestController
@RequestMapping("/api/quarantine")
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
    List<QuarantinedMessage> list(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String device,
            @RequestParam(defaultValue = "open") String state,
            @RequestParam(defaultValue = "100") int limit) {
        return jdbc.sql("SELECT id, topic, device_id, format, reason, detail, payload, received_at, last_seen_at,"
                        + " replay_attempts, last_replay_at, last_replay_by, replay_outcome, replayed_at, replayed_by,"
                        + " replay_quarantine_id, replay_result::text AS replay_result"
                        + " FROM quarantine WHERE (:reason::text IS NULL OR reason = :reason)"
                        + " AND (:device::text IS NULL OR device_id = :device) AND " + stateCondition(state)
                        + " ORDER BY id DESC LIMIT :limit")
                .param("reason", reason)
                .param("device", device)
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query((rs, n) -> {
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
