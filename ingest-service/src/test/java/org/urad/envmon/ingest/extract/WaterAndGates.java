package org.urad.envmon.ingest.extract;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.rules.QuarterClock;

/**
 * One local day of an hourly-only water-quality monitor (HJ 212 CN 2061: 24 hourly averages expected, one hour
 * given to the standard-sample check, one missing, one flagged D), a daily-only one (CN 2031), and two gates in
 * series on one canal, of which only the intake counts in the canal's total.
 */
final class WaterAndGates {

    static final LocalDate DAY = LocalDate.of(2025, 11, 18);
    static final String HOURLY = "WQ-H";
    static final String DAILY = "WQ-D";
    static final String CANAL = "示例干渠";
    /** The intake gate's metered volume on {@link #DAY}: 200 since the day before's last total, then 300. */
    static final double INTAKE_VOLUME = 500;

    private WaterAndGates() {}

    static void insert(JdbcTemplate jdbc) {
        monitor(jdbc, HOURLY, "一时报水质", "1 hour");
        monitor(jdbc, DAILY, "一日报水质", "1 day");
        for (int hour = 0; hour < 24; hour++) {
            if (hour == 10 || hour == 15) {
                continue; // 10:00 the standard-sample check, 15:00 lost
            }
            boolean fault = hour == 20;
            jdbc.update(
                    "INSERT INTO water_quality_reading (device_id, parameter, period, stat, ts, value, flag, valid)"
                            + " VALUES (?, 'w01018', 'hour', 'avg', ?, 20, ?, ?)",
                    HOURLY,
                    at(DAY.atTime(hour, 0)),
                    fault ? "D" : "N",
                    !fault);
        }
        jdbc.update(
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, family)"
                        + " VALUES (?, 'w01018', 'standard', ?, 100, 98, 'water_quality')",
                HOURLY,
                at(DAY.atTime(10, 20)));
        jdbc.update(
                "INSERT INTO water_quality_reading (device_id, parameter, period, stat, ts, value)"
                        + " VALUES (?, 'w01018', 'day', 'avg', ?, 18)",
                DAILY,
                at(DAY.atStartOfDay()));

        gate(jdbc, "G-IN", true);
        gate(jdbc, "G-DOWN", false);
        volume(jdbc, "G-IN", DAY.minusDays(1).atTime(23, 0), 1000);
        volume(jdbc, "G-IN", DAY.atTime(6, 0), 1200);
        volume(jdbc, "G-IN", DAY.atTime(18, 0), 1500);
        volume(jdbc, "G-DOWN", DAY.atTime(6, 0), 5000);
        volume(jdbc, "G-DOWN", DAY.atTime(18, 0), 5450);
    }

    private static void monitor(JdbcTemplate jdbc, String id, String name, String interval) {
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'water_quality', ?, ?::interval)",
                id,
                name,
                interval);
        jdbc.update(
                "INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES (?, 'water_quality', ?, '总排口')",
                id,
                name + "厂");
        jdbc.update(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value)"
                        + " VALUES (?, 'w01018', 'mg/L', 500, 50)",
                id);
    }

    private static void gate(JdbcTemplate jdbc, String id, boolean counted) {
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'gate', ?, '5 minutes')",
                id,
                id + "闸");
        jdbc.update(
                "INSERT INTO gate (device_id, canal, section_class, automated, counts_in_canal_total)"
                        + " VALUES (?, ?, 'state_managed', true, ?)",
                id,
                CANAL,
                counted);
    }

    private static void volume(JdbcTemplate jdbc, String gate, LocalDateTime local, double total) {
        jdbc.update(
                "INSERT INTO gate_reading (device_id, parameter, ts, value) VALUES (?, 'volume_total', ?, ?)",
                gate,
                at(local),
                total);
    }

    private static Timestamp at(LocalDateTime local) {
        return Timestamp.from(local.atZone(QuarterClock.SHANGHAI).toInstant());
    }
}
