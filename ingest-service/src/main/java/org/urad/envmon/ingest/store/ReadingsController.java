package org.urad.envmon.ingest.store;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
import org.urad.envmon.ingest.reading.Family;

/**
 * The stored readings of one device, newest first, a page at a time, for a quick look without SQL. Rows of
 * the same time are ordered by parameter, period and stat (all descending), the table's natural key.
 */
@RestController
@RequestMapping("/api/readings")
@Tag(name = "readings", description = "监测数据 Stored readings")
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
    @Operation(summary = "设备读数 Readings of one device, newest first, paged")
    Page<StoredReading> latest(
            @RequestParam String family,
            @RequestParam String device,
            @RequestParam(required = false) String parameter,
            @RequestParam(defaultValue = Page.DEFAULT_LIMIT_TEXT) int limit,
            @RequestParam(required = false) String cursor) {
        Optional<Cursor> after = Cursor.decode(cursor, 4);
        Family f = Family.fromCode(family)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.BAD_REQUEST, "family must be well, cems, water_quality or gate"));
        int n = Page.limit(limit);
        List<StoredReading> rows = jdbc.sql(
                        "SELECT device_id, parameter, period, stat, ts, value, flag, valid, seq, received_at FROM "
                                + f.table()
                                + " WHERE device_id = :device AND (:parameter::text IS NULL OR parameter = :parameter)"
                                + " AND (:afterTime::timestamptz IS NULL"
                                + " OR (ts, parameter, period, stat) < (:afterTime, :afterParameter, :afterPeriod, :afterStat))"
                                + " ORDER BY ts DESC, parameter DESC, period DESC, stat DESC LIMIT :limit")
                .param("device", device)
                .param("parameter", parameter)
                .param("afterTime", after.map(c -> Timestamp.from(c.instant(0))).orElse(null))
                .param("afterParameter", after.map(c -> c.text(1)).orElse(""))
                .param("afterPeriod", after.map(c -> c.text(2)).orElse(""))
                .param("afterStat", after.map(c -> c.text(3)).orElse(""))
                .param("limit", n + 1)
                .query((rs, i) -> new StoredReading(
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
        return Page.of(rows, n, r -> Cursor.of(r.time(), r.parameter(), r.period(), r.stat()));
    }
}
