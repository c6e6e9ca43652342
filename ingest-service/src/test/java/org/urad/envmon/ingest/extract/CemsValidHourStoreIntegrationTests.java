package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.store.BatchWriter;
import org.urad.envmon.ingest.store.WriteResult;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TimescaleServer;

/**
 * The stored CEMS valid hours of V29 answer what the live definition answers, before a refresh (the
 * store stale after late data, a calibration, a mark, a changed or deleted reading, a setting) and after
 * it: {@code cems_valid_hours} against {@code cems_valid_hours_live} with valid_hour computed as V24 does,
 * over whole days and over ranges cut inside hours; on the test database, and on the TimescaleDB server of
 * {@code INGEST_TEST_TIMESCALEDB_URL} with the readings in compressed chunks, late data written through
 * the service's write path (COPY, and INSERT … ON CONFLICT) and deletes and a TRUNCATE seen (V38).
 */
class CemsValidHourStoreIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant DAY1 = local("2025-03-01T00:00");
    private static final Instant END = local("2025-03-04T00:00");
    private static final RawMessage RAW = new RawMessage("test", new byte[0], Instant.now(), null, Ack.NONE);

    private DataSource dataSource;
    private JdbcTemplate jdbc;

    private void use(DataSource ds) {
        dataSource = ds;
        jdbc = new JdbcTemplate(ds);
    }

    @Test
    void storedHoursAnswerTheLiveDefinitionThroughEveryInvalidation() throws Exception {
        try (MigratedDatabase database = MigratedDatabase.create("cems_store")) {
            use(database.dataSource());
            throughEveryInvalidation();
        }
    }

    @Test
    void storedHoursAnswerTheLiveDefinitionOnTimescaledbWithCompressedChunks() throws Exception {
        assumeTrue(TimescaleServer.url().isPresent(), "INGEST_TEST_TIMESCALEDB_URL names no TimescaleDB server");
        try (TimescaleServer.Database database = TimescaleServer.migratedDatabase("cems_store_tsdb");
                HikariDataSource ds = MigratedDatabase.pool(database.url())) {
            use(ds);
            assertThat(jdbc.queryForList("SELECT storage_engine_name()", String.class))
                    .containsExactly("timescaledb");
            // GIVEN three days of minute data of two stacks, a calibration, all chunks compressed, stored
            monitor("STACK-A", 8.0);
            monitor("STACK-B", null);
            minutes("STACK-A", DAY1, END, true);
            minutes("STACK-B", DAY1, END, true);
            calibration("STACK-A", local("2025-03-01T10:00"), 12);
            compressAllChunks();
            assertAgrees("compressed, before any refresh");
            refresh();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM cems_valid_hour_store", Long.class))
                    .isEqualTo(2L * 2 * 72);
            assertAgrees("compressed, after the first refresh");

            // WHEN late minutes reach a compressed chunk through the service's write path (binary COPY)
            List<Reading> late = new ArrayList<>();
            for (Instant t = local("2025-03-01T05:10"); t.isBefore(local("2025-03-01T05:30")); t = t.plusSeconds(60)) {
                late.add(cems("STACK-A", "a21026", t, 25));
                late.add(cems("STACK-A", "a19001", t, 10));
            }
            assertThat(write(late).stored()).isEqualTo(late.size());
            // THEN the store is stale from their hour on, and answers the live definition before and after a refresh
            assertThat(watermark("STACK-A")).isEqualTo(local("2025-03-01T05:00"));
            assertAgrees("late data into a compressed chunk, store stale");
            refresh();
            assertAgrees("late data into a compressed chunk, refreshed");

            // a batch holding a stored key (sent again, same value) goes the INSERT … ON CONFLICT way, with a
            // new minute in a gap
            Instant stored = local("2025-03-02T12:00");
            WriteResult staged = write(List.of(
                    cems("STACK-B", "a21026", stored, 20 + (stored.getEpochSecond() / 60) % 37),
                    cems("STACK-B", "a21026", local("2025-03-02T15:15"), 90)));
            assertThat(staged.duplicates()).isEqualTo(1);
            assertThat(staged.stored()).isEqualTo(1);
            assertThat(watermark("STACK-B")).isEqualTo(local("2025-03-02T15:00"));
            assertAgrees("late data beside a stored key, store stale");
            refresh();
            assertAgrees("late data beside a stored key, refreshed");

            // a calibration out of control from then on
            calibration("STACK-B", local("2025-03-02T20:00"), 15);
            assertThat(watermark("STACK-B")).isEqualTo(local("2025-03-02T20:00"));
            assertAgrees("calibration, store stale");
            refresh();
            assertAgrees("calibration, refreshed");

            // changed and deleted readings in a compressed chunk (recompressed first)
            compressAllChunks();
            jdbc.update(
                    "UPDATE cems_reading SET value = value + 40 WHERE device_id = 'STACK-B'"
                            + " AND ts >= ? AND ts < ? AND parameter = 'a21026'",
                    ts(local("2025-03-03T12:00")),
                    ts(local("2025-03-03T13:00")));
            assertThat(watermark("STACK-B")).isEqualTo(local("2025-03-03T12:00"));
            compressAllChunks();
            jdbc.update(
                    "DELETE FROM cems_reading WHERE device_id = 'STACK-A' AND ts >= ? AND ts < ?",
                    ts(local("2025-03-02T16:00")),
                    ts(local("2025-03-02T16:40")));
            assertThat(watermark("STACK-A")).isEqualTo(local("2025-03-02T16:00"));
            assertAgrees("changed and deleted readings, store stale");
            refresh();
            assertAgrees("changed and deleted readings, refreshed");

            // compression, decompression and recompression change no reading: the store stays as it is
            Long generations = jdbc.queryForObject("SELECT sum(generation) FROM cems_valid_hour_watermark", Long.class);
            jdbc.queryForList("SELECT decompress_chunk(c) FROM show_chunks('cems_reading') c", String.class);
            compressAllChunks();
            assertThat(jdbc.queryForObject("SELECT sum(generation) FROM cems_valid_hour_watermark", Long.class))
                    .isEqualTo(generations);

            // a TRUNCATE leaves no stored hour answered
            jdbc.execute("TRUNCATE cems_reading");
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM cems_valid_hour_watermark WHERE watermark = '-infinity'"
                                    + " AND device_id IN ('STACK-A', 'STACK-B')",
                            Long.class))
                    .isEqualTo(2L);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM cems_valid_hours(?, ?)", Long.class, ts(DAY1), ts(END)))
                    .isZero();
        }
    }

    private void throughEveryInvalidation() throws Exception {
        monitor("STACK-A", 8.0); // limit at 8 % O2: converted values
        monitor("STACK-B", null); // measured values
        // three days of minute data; in every fifth hour minutes 10..29 are missing (not a valid hour)
        minutes("STACK-A", DAY1, END, true);
        minutes("STACK-B", DAY1, END, true);
        calibration("STACK-A", local("2025-03-01T10:00"), 12); // 6 %F.S.: out of control
        calibration("STACK-A", local("2025-03-01T14:20"), 1); // back within limits
        mark("STACK-B", 1, local("2025-03-02T03:00"), local("2025-03-02T05:30"), true);
        assertAgrees("before any refresh");

        refresh();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cems_valid_hour_store", Long.class))
                .isEqualTo(2L * 2 * 72);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM cems_valid_hour_watermark WHERE watermark > ?", Long.class, ts(END)))
                .isEqualTo(2L);
        assertAgrees("after the first refresh");

        // late minutes fill a gap of STACK-A at 05:10..05:29 on day 1 (05:00 is a fifth hour)
        jdbc.update(
                "INSERT INTO cems_reading (device_id, parameter, period, stat, ts, value, flag, valid)"
                        + " SELECT 'STACK-A', p, 'min', 'avg', t, 25, 'N', true"
                        + " FROM unnest(ARRAY['a21026', 'a19001']) p,"
                        + " generate_series(?::timestamptz, ?::timestamptz, interval '1 minute') t",
                ts(local("2025-03-01T05:10")),
                ts(local("2025-03-01T05:29")));
        assertThat(watermark("STACK-A")).isEqualTo(local("2025-03-01T05:00"));
        assertAgrees("late data, store stale");
        refresh();
        assertAgrees("late data, refreshed");

        calibration("STACK-B", local("2025-03-02T20:00"), 15); // 7.5 %F.S.: out of control from then on
        assertAgrees("calibration, store stale");
        refresh();
        assertAgrees("calibration, refreshed");

        mark("STACK-A", 2, local("2025-03-01T08:00"), local("2025-03-01T09:00"), false); // pending: counts
        assertAgrees("pending mark, store stale");
        refresh();
        accept(2, local("2025-03-01T12:00")); // accepted: left out
        assertAgrees("mark accepted, store stale");
        refresh();
        assertAgrees("mark, refreshed");

        jdbc.update(
                "UPDATE cems_reading SET value = value + 40 WHERE device_id = 'STACK-B'"
                        + " AND ts >= ? AND ts < ? AND parameter = 'a21026'",
                ts(local("2025-03-03T12:00")),
                ts(local("2025-03-03T13:00")));
        jdbc.update(
                "DELETE FROM cems_reading WHERE device_id = 'STACK-A' AND ts >= ? AND ts < ?",
                ts(local("2025-03-02T16:00")),
                ts(local("2025-03-02T16:40")));
        assertAgrees("changed and deleted readings, store stale");
        refresh();
        assertAgrees("changed and deleted readings, refreshed");

        jdbc.update("UPDATE cems_setting SET value = 13.5 WHERE name = 'o2_max_convertible_pct'");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM cems_valid_hour_watermark WHERE watermark = '-infinity'"
                                + " AND device_id IN ('STACK-A', 'STACK-B')",
                        Long.class))
                .isEqualTo(2L);
        assertAgrees("setting, store stale");
        refresh();
        assertAgrees("setting, refreshed");
    }

    /** cems_valid_hours equals the live definition over whole days and over ranges cut inside hours. */
    private void assertAgrees(String step) {
        compare(step, DAY1, END, null);
        compare(step, DAY1.plusSeconds(30 * 60 + 7), END.minusSeconds(20 * 60), null);
        compare(step, local("2025-03-01T04:00"), local("2025-03-02T09:00"), 30.0);
        compare(step, local("2025-03-02T16:15"), local("2025-03-02T16:45"), null);
    }

    private void compare(String step, Instant from, Instant to, Double minMinutes) {
        String stored = "SELECT device_id, parameter, bucket, source, round(valid_minutes::numeric, 6), valid_hour,"
                + " round(mean::numeric, 6), sent, converted, measured, not_convertible, not_convertible_reason,"
                + " out_of_control, over_range FROM cems_valid_hours(?, ?, ?::double precision)";
        String live = "SELECT device_id, parameter, bucket, source, round(valid_minutes::numeric, 6),"
                + " valid_minutes >= coalesce(?::double precision, cems_setting('valid_hour_minutes')) - 1e-9,"
                + " round(mean::numeric, 6), sent, converted, measured, not_convertible, not_convertible_reason,"
                + " out_of_control, over_range FROM cems_valid_hours_live(?, ?)";
        Long liveRows =
                jdbc.queryForObject("SELECT count(*) FROM (" + live + ") l", Long.class, minMinutes, ts(from), ts(to));
        Long missing = jdbc.queryForObject(
                "SELECT count(*) FROM (" + live + " EXCEPT ALL " + stored + ") d",
                Long.class,
                minMinutes,
                ts(from),
                ts(to),
                ts(from),
                ts(to),
                minMinutes);
        Long extra = jdbc.queryForObject(
                "SELECT count(*) FROM (" + stored + " EXCEPT ALL " + live + ") d",
                Long.class,
                ts(from),
                ts(to),
                minMinutes,
                minMinutes,
                ts(from),
                ts(to));
        assertThat(liveRows).as(step).isPositive();
        assertThat(missing)
                .as(step + ": live rows not answered, " + from + " .. " + to)
                .isZero();
        assertThat(extra)
                .as(step + ": rows answered but not live, " + from + " .. " + to)
                .isZero();
    }

    private void refresh() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            Rollups.refresh(c, Rollups.DEFAULT_LAG);
        }
    }

    private void compressAllChunks() {
        jdbc.queryForList(
                "SELECT compress_chunk(c, if_not_compressed => true) FROM show_chunks('cems_reading') c", String.class);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FILTER (WHERE NOT is_compressed) FROM timescaledb_information.chunks"
                                + " WHERE hypertable_name = 'cems_reading'",
                        Long.class))
                .isZero();
    }

    private WriteResult write(List<Reading> readings) throws Exception {
        return new BatchWriter(dataSource)
                .write(List.of(new Outcome(RAW, "json", "test", readings, List.of(), List.of())));
    }

    private static Reading cems(String device, String parameter, Instant ts, double value) {
        return new Reading(
                Family.CEMS, device, parameter, ts, Period.MINUTE, Statistic.AVG, value, DataFlag.N, true, null);
    }

    private Instant watermark(String device) {
        return jdbc.queryForObject(
                        "SELECT watermark FROM cems_valid_hour_watermark WHERE device_id = ?", Timestamp.class, device)
                .toInstant();
    }

    private void monitor(String id, Double o2Reference) {
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'cems', ?, interval '1 minute')",
                id,
                "烟囱" + id);
        jdbc.update("INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES (?, 'cems', '企业', '总排口')", id);
        jdbc.update(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value, limit_o2_ref_pct)"
                        + " VALUES (?, 'a21026', 'mg/m3', 200, 30, ?), (?, 'a19001', '%', 25, NULL, NULL)",
                id, o2Reference, id);
    }

    /** Minute means of SO2 and O2 over [from, to), minutes 10..29 of every fifth hour left out. */
    private void minutes(String device, Instant from, Instant to, boolean withGaps) {
        jdbc.update(
                "INSERT INTO cems_reading (device_id, parameter, period, stat, ts, value, flag, valid)"
                        + " SELECT ?, p, 'min', 'avg', t,"
                        + " CASE p WHEN 'a19001' THEN 9 + (extract(epoch FROM t)::bigint / 60) % 9"
                        + " ELSE 20 + (extract(epoch FROM t)::bigint / 60) % 37 END, 'N', true"
                        + " FROM unnest(ARRAY['a21026', 'a19001']) p,"
                        + " generate_series(?::timestamptz, ?::timestamptz - interval '1 minute', interval '1 minute') t"
                        + " WHERE NOT (? AND extract(hour FROM t AT TIME ZONE 'Asia/Shanghai')::int % 5 = 0"
                        + " AND extract(minute FROM t) BETWEEN 10 AND 29)",
                device, ts(from), ts(to), withGaps);
    }

    private void calibration(String device, Instant at, double measured) {
        jdbc.update(
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, full_scale, family)"
                        + " VALUES (?, 'a21026', 'zero', ?, 0, ?, 200, 'cems')",
                device,
                ts(at),
                measured);
    }

    private void mark(String device, long markId, Instant from, Instant to, boolean accepted) {
        jdbc.update(
                "INSERT INTO data_mark (mark_id, version, device_id, parameter, starts_at, ends_at, kind, reason,"
                        + " source, author, made_at, due_at) VALUES (?, 1, ?, NULL, ?, ?, 'maintenance', '检修',"
                        + " 'plant', '张工', ?, ?)",
                markId,
                device,
                ts(from),
                ts(to),
                ts(to),
                ts(to.plusSeconds(86_400)));
        if (accepted) {
            accept(markId, to.plusSeconds(3600));
        }
    }

    private void accept(long markId, Instant at) {
        jdbc.update(
                "INSERT INTO data_mark_review (mark_id, version, decision, reviewer, reviewed_at)"
                        + " VALUES (?, 1, 'accepted', '李审核', ?)",
                markId,
                ts(at));
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.from(t);
    }

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(SHANGHAI).toInstant();
    }
}
