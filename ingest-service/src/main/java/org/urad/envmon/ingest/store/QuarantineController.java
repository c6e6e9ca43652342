package org.urad.envmon.ingest.store;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.api.Cursor;
import org.urad.envmon.ingest.api.Page;

/** Read access to quarantined messages, newest first, a page at a time, so that a sender's fault can be traced. */
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
            Instant lastSeenAt) {}

    private final JdbcClient jdbc;

    QuarantineController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    @Operation(summary = "隔离消息 Quarantined messages, newest first, paged")
    Page<QuarantinedMessage> list(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String device,
            @RequestParam(defaultValue = Page.DEFAULT_LIMIT_TEXT) int limit,
            @RequestParam(required = false) String cursor) {
        Optional<Cursor> after = Cursor.decode(cursor, 2);
        int n = Page.limit(limit);
        List<QuarantinedMessage> rows = jdbc.sql(
                        "SELECT id, topic, device_id, format, reason, detail, payload, received_at, last_seen_at"
                                + " FROM quarantine WHERE (:reason::text IS NULL OR reason = :reason)"
                                + " AND (:device::text IS NULL OR device_id = :device)"
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
                            rs.getTimestamp("last_seen_at").toInstant());
                })
                .list();
        return Page.of(rows, n, m -> Cursor.of(m.receivedAt(), m.id()));
    }
}
