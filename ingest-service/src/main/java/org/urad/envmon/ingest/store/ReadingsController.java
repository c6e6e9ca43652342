package org.urad.envmon.ingest.store;

import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.urad.envmon.ingest.reading.Family;

/** The latest stored readings of one device, for a quick look without SQL. */
@RestController
@RequestMapping("/api/readings")
class ReadingsController {

    record StoredReading(
            String deviceId,
            String parameter,
            String period,
            String stat,
            Instant time,
            double value,
            String flag,
            boolean valid,
            Long seq,
            Instant receivedAt) {}

    private final JdbcClient jdbc;

    ReadingsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    List<StoredReading> latest(
            @RequestParam String family,
            @RequestParam String device,
            @RequestParam(required = false) String parameter,
            @RequestParam(defaultValue = "100") int limit) {
        Family f = Family.fromCode(family)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.BAD_REQUEST, "family must be well, cems, water_quality or gate"));
        return jdbc.sql("SELECT device_id, parameter, period, stat, ts, value, flag, valid, seq, received_at FROM "
                        + f.table()
                        + " WHERE device_id = :device AND (:parameter::text IS NULL OR parameter = :parameter)"
                        + " ORDER BY ts DESC LIMIT :limit")
                .param("device", device)
                .param("parameter", parameter)
                .param("limit", Math.max(1, Math.min(limit, 10_000)))
                .query((rs, n) -> new StoredReading(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getDouble(6),
                        rs.getString(7),
                        rs.getBoolean(8),
                        (Long) rs.getObject(9),
                        rs.getTimestamp(10).toInstant()))
                .list();
    }
}
