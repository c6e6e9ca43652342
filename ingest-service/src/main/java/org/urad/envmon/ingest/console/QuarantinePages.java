package org.urad.envmon.ingest.console;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Quarantined messages, newest first: why each was refused and its raw bytes as hex and as text. There is
 * no replay here: the service has no replay API yet.
 */
@Controller
class QuarantinePages {

    record Quarantined(
            long id,
            String topic,
            String deviceId,
            String format,
            String reason,
            String detail,
            int size,
            String hex,
            String text,
            Instant receivedAt,
            Instant lastSeenAt) {}

    private final JdbcClient jdbc;

    QuarantinePages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/console/quarantine")
    String quarantine(
            @RequestParam(required = false) String reason, @RequestParam(required = false) String device, Model model) {
        String r = AlertFilter.blankToNull(reason);
        String d = AlertFilter.blankToNull(device);
        List<Quarantined> rows = jdbc.sql(
                        "SELECT id, topic, device_id, format, reason, detail, payload, received_at, last_seen_at"
                                + " FROM quarantine WHERE (:reason::text IS NULL OR reason = :reason)"
                                + " AND (:device::text IS NULL OR device_id = :device) ORDER BY id DESC LIMIT 100")
                .param("reason", r)
                .param("device", d)
                .query((rs, n) -> {
                    byte[] payload = rs.getBytes("payload");
                    return new Quarantined(
                            rs.getLong("id"),
                            HexDump.text(rs.getString("topic").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            rs.getString("device_id"),
                            rs.getString("format"),
                            rs.getString("reason"),
                            rs.getString("detail"),
                            payload.length,
                            HexDump.hex(payload),
                            HexDump.text(payload),
                            rs.getTimestamp("received_at").toInstant(),
                            rs.getTimestamp("last_seen_at").toInstant());
                })
                .list();
        model.addAttribute("rows", rows);
        model.addAttribute(
                "reasons",
                jdbc.sql("SELECT reason, count(*) FROM quarantine GROUP BY reason ORDER BY 2 DESC")
                        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                        .list());
        model.addAttribute("reason", r);
        model.addAttribute("device", d);
        return "console/quarantine";
    }
}
