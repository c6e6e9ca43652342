package org.urad.envmon.ingest.console;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.replay.QuarantineReplay;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quarantined messages, newest first: why each was refused, its raw bytes as hex and as text, and what a
 * replay made of it. The open ones by default, the replayed ones on request. An administrator replays the
 * open messages the filter selects (reason, device, received days), or tries it first as a dry run.
 */
@Controller
class QuarantinePages {

    private static final int SHOWN = 100;

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
            Instant lastSeenAt,
            Replay replay) {}

    /** The last replay of a row and the readings it gave. */
    record Replay(int attempts, String outcome, Instant at, String by, Long quarantineId, Pointer readings) {}

    /** The readings a replay gave ({@code replay_result}): how many, how many new, of which device, when. */
    record Pointer(String deviceId, long readings, long stored, long duplicates, Instant first, Instant last) {

        static Pointer of(String json) {
            if (json == null) {
                return null;
            }
            JsonNode n = JSON.readTree(json);
            if (n.path("readings").asLong() == 0) {
                return null;
            }
            return new Pointer(
                    n.path("deviceId").asString(),
                    n.path("readings").asLong(),
                    n.path("stored").asLong(),
                    n.path("duplicates").asLong(),
                    Instant.parse(n.path("first").asString()),
                    Instant.parse(n.path("last").asString()));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final QuarantineReplay replay;

    QuarantinePages(JdbcClient jdbc, QuarantineReplay replay) {
        this.jdbc = jdbc;
        this.replay = replay;
    }

    @GetMapping("/console/quarantine")
    String quarantine(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String device,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "open") String state,
            Model model) {
        String r = AlertFilter.blankToNull(reason);
        String d = AlertFilter.blankToNull(device);
        String s = List.of("open", "replayed", "all").contains(state) ? state : "open";
        List<Quarantined> rows = jdbc.sql("SELECT id, topic, device_id, format, reason, detail, payload, received_at,"
                        + " last_seen_at, replay_attempts, replay_outcome, last_replay_at, last_replay_by,"
                        + " replay_quarantine_id, replay_result::text AS replay_result FROM quarantine"
                        + " WHERE (:reason::text IS NULL OR reason = :reason)"
                        + " AND (:device::text IS NULL OR device_id = :device)"
                        + " AND (:from::timestamptz IS NULL OR received_at >= :from)"
                        + " AND (:to::timestamptz IS NULL OR received_at < :to) AND " + condition(s)
                        + " ORDER BY id DESC LIMIT " + SHOWN)
                .param("reason", r)
                .param("device", d)
                .param("from", timestamp(start(from)))
                .param("to", timestamp(start(to == null ? null : to.plusDays(1))))
                .query((rs, n) -> row(rs))
                .list();
        model.addAttribute("rows", rows);
        model.addAttribute(
                "reasons",
                jdbc.sql("SELECT reason, count(*) FROM quarantine WHERE " + condition(s)
                                + " GROUP BY reason ORDER BY 2 DESC")
                        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                        .list());
        model.addAttribute("reason", r);
        model.addAttribute("device", d);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("state", s);
        model.addAttribute("maxReplay", QuarantineReplay.MAX_LIMIT);
        return "console/quarantine";
    }

    /** Replays the open messages the filter selects (administrator; the security chain says so too). */
    @PostMapping("/console/quarantine/replay")
    String replay(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String device,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "" + QuarantineReplay.DEFAULT_LIMIT) int limit,
            @RequestParam(defaultValue = "false") boolean dryRun,
            Authentication auth,
            RedirectAttributes redirect)
            throws SQLException {
        String r = AlertFilter.blankToNull(reason);
        String d = AlertFilter.blankToNull(device);
        QuarantineReplay.Report report = replay.replay(
                new QuarantineReplay.Request(
                        r, d, start(from), start(to == null ? null : to.plusDays(1)), limit, dryRun),
                auth.getName());
        redirect.addFlashAttribute("replayed", report);
        return "redirect:"
                + UriComponentsBuilder.fromPath("/console/quarantine")
                        .queryParamIfPresent("reason", java.util.Optional.ofNullable(r))
                        .queryParamIfPresent("device", java.util.Optional.ofNullable(d))
                        .queryParamIfPresent("from", java.util.Optional.ofNullable(from))
                        .queryParamIfPresent("to", java.util.Optional.ofNullable(to))
                        .encode()
                        .build()
                        .toUriString();
    }

    private static String condition(String state) {
        return switch (state) {
            case "replayed" -> "replayed_at IS NOT NULL";
            case "all" -> "true";
            default -> "replayed_at IS NULL";
        };
    }

    private static Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ReportPeriod.ZONE).toInstant();
    }

    private static Timestamp timestamp(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private static Quarantined row(ResultSet rs) throws SQLException {
        byte[] payload = rs.getBytes("payload");
        Replay replay = rs.getInt("replay_attempts") == 0
                ? null
                : new Replay(
                        rs.getInt("replay_attempts"),
                        rs.getString("replay_outcome"),
                        rs.getTimestamp("last_replay_at").toInstant(),
                        rs.getString("last_replay_by"),
                        rs.getObject("replay_quarantine_id", Long.class),
                        Pointer.of(rs.getString("replay_result")));
        return new Quarantined(
                rs.getLong("id"),
                HexDump.text(rs.getString("topic").getBytes(StandardCharsets.UTF_8)),
                rs.getString("device_id"),
                rs.getString("format"),
                rs.getString("reason"),
                rs.getString("detail"),
                payload.length,
                HexDump.hex(payload),
                HexDump.text(payload),
                rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant(),
                replay);
    }
}
