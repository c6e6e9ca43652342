package org.urad.envmon.ingest.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to quarantined messages, newest first, so that a sender's fault can be traced. */
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
            Instant lastSeenAt) {}

    private final JdbcClient jdbc;

    QuarantineController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    List<QuarantinedMessage> list(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String device,
            @RequestParam(defaultValue = "100") int limit) {
        return jdbc.sql("SELECT id, topic, device_id, format, reason, detail, payload, received_at, last_seen_at"
                        + " FROM quarantine WHERE (:reason::text IS NULL OR reason = :reason)"
                        + " AND (:device::text IS NULL OR device_id = :device) ORDER BY id DESC LIMIT :limit")
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
                            rs.getTimestamp("last_seen_at").toInstant());
                })
                .list();
    }
}
