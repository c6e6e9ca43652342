package org.urad.envmon.ingest.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.MonitorParameter;

/**
 * The online monitors' data for one window, straight from the reading tables with a time range
 * (so the time index serves it on either storage engine). The sums are those of the
 * {@code <family>_reading_hourly/_daily} aggregates: real-time and minute values, valid ones only
 * for means; HJ 212 hourly and daily values are read separately for monitors that send those.
 */
final class MonitorData {

    /** A monitored parameter with its monitor. */
    record Monitored(String deviceId, String name, String enterprise, Duration interval, MonitorParameter mp) {}

    /**
     * A monitor's fault share over a window, as {@code wq_fault_share} (V32) counts it.
     *
     * @param values real-time and minute values of any flag, accepted marks left out
     * @param faulty those flagged D, F or B
     */
    record FaultCount(long values, long faulty) {}

    /**
     * One parameter's clock hour as the valid-hour definition gives it ({@code cems_valid_hours}, V24).
     *
     * @param source {@code realtime_minute} or {@code hj212_hour}
     * @param validMinutes minutes of the hour covered by usable data; {@code validHour} at least the minimum
     * @param mean mean of the usable values at the limit's reference O2, or {@code null}
     * @param sent values at reference O2 as the logger sent them (折算), {@code converted} converted from
     *     the measured O2, {@code measured} values of a limit without reference O2
     * @param notConvertible values that could not be referenced, {@code notConvertibleReason} the most common
     *     reason ({@code o2_missing}, {@code o2_invalid}, {@code o2_too_high})
     * @param outOfControl values inside an out-of-control period after a drift check
     * @param overRange values flagged T (above the measuring range)
     */
    record ValidHour(
            String source,
            double validMinutes,
            boolean validHour,
            Double mean,
            long sent,
            long converted,
            long measured,
            long notConvertible,
            String notConvertibleReason,
            long outOfControl,
            long overRange) {}

    /**
     * A monitor's effective transmission rate over a window, as {@code transmission_rate} (V25) defines it:
     * reporting slots expected, received and valid, slots left out (standard-check hour, accepted marks).
     */
    record Transmission(
            long intervalSeconds, long expected, long received, long valid, long excluded, Double ratePct) {}

    /** An accepted data mark (V19) overlapping a window; {@code parameter} null covers the whole monitor. */
    record Mark(long markId, int version, String parameter, Instant start, Instant end, String kind) {

        boolean covers(String p) {
            return parameter == null || parameter.equals(p);
        }
    }

    private static final String MONITORED = """
            SELECT d.id, d.name, m.enterprise, extract(epoch FROM d.reporting_interval), mp.parameter, mp.unit,
                   mp.range_min, mp.range_max, mp.limit_value, mp.limit_low, mp.limit_cold, mp.limit_o2_ref_pct
            FROM device d JOIN monitor m ON m.device_id = d.id JOIN monitor_parameter mp ON mp.device_id = d.id
            WHERE d.active AND d.family = ? ORDER BY d.id, mp.parameter
            """;

    private static final String TRANSMISSION = """
            SELECT device_id, interval_s, expected, received, valid, excluded, rate_pct
            FROM transmission_rate('range', ?, ?, ?)
            """;

    private final JdbcTemplate jdbc;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    MonitorData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Monitored> monitored(Family family) {
        return jdbc.query(
                MONITORED,
                (rs, i) -> new Monitored(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Duration.ofSeconds(rs.getLong(4)),
                        new MonitorParameter(
                                rs.getString(1),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getDouble(7),
                                rs.getDouble(8),
                                nullable(rs, 9),
                                nullable(rs, 10),
                                nullable(rs, 11),
                                nullable(rs, 12))),
                family.code());
    }

    /**
     * Water-quality values and fault-flagged values of [from, to) per monitor, by {@code wq_fault_share}
     * (V32), the definition the fault panel reads: accepted marks left out.
     */
    Map<String, FaultCount> faultShare(Instant from, Instant to) {
        Map<String, FaultCount> out = new HashMap<>();
        jdbc.query(
                "SELECT device_id, sum(n_values), sum(n_faulty) FROM wq_fault_share(?, ?) GROUP BY device_id",
                rs -> {
                    out.put(rs.getString(1), new FaultCount(rs.getLong(2), rs.getLong(3)));
                },
                ts(from),
                ts(to));
        return out;
    }

    /**
     * The clock hours of [from, to) by the valid-hour definition, keyed by device id, then parameter
     * (one hour per call in the rules); {@code minMinutes} null: the definition's setting.
     */
    Map<String, Map<String, ValidHour>> validHours(Instant from, Instant to, Double minMinutes) {
        Map<String, Map<String, ValidHour>> out = new HashMap<>();
        jdbc.query(
                "SELECT device_id, parameter, source, valid_minutes, valid_hour, mean, sent, converted, measured,"
                        + " not_convertible, not_convertible_reason, out_of_control, over_range"
                        + " FROM cems_valid_hours(?, ?, ?::double precision)",
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(
                                    rs.getString(2),
                                    new ValidHour(
                                            rs.getString(3),
                                            rs.getDouble(4),
                                            rs.getBoolean(5),
                                            nullable(rs, 6),
                                            rs.getLong(7),
                                            rs.getLong(8),
                                            rs.getLong(9),
                                            rs.getLong(10),
                                            rs.getString(11),
                                            rs.getLong(12),
                                            rs.getLong(13)));
                },
                ts(from),
                ts(to),
                minMinutes);
        return out;
    }

    /** The valid-hour minimum of the definition (cems_setting valid_hour_minutes). */
    double validHourMinutes() {
        return jdbc.queryForObject("SELECT cems_setting('valid_hour_minutes')", Double.class);
    }

    /** The effective transmission rate of each water-quality monitor over the closed window [from, to). */
    Map<String, Transmission> transmission(Instant from, Instant to) {
        Map<String, Transmission> out = new HashMap<>();
        jdbc.query(
                TRANSMISSION,
                rs -> {
                    out.put(
                            rs.getString(1),
                            new Transmission(
                                    rs.getLong(2),
                                    rs.getLong(3),
                                    rs.getLong(4),
                                    rs.getLong(5),
                                    rs.getLong(6),
                                    nullable(rs, 7)));
                },
                ts(from),
                ts(to),
                ts(to));
        return out;
    }

    /**
     * Water-quality daily means of the local day starting at {@code from}, keyed by device id, then parameter:
     * {@code wq_daily_mean} (V27), the definition the extract and the dashboards read, accepted marks left out.
     */
    Map<String, Map<String, Double>> wqDailyMeans(Instant from, Instant to) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        jdbc.query(
                "SELECT device_id, parameter, avg_value FROM wq_daily_mean(?, ?) WHERE bucket = ?",
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getDouble(3));
                },
                ts(from),
                ts(to),
                ts(from));
        return out;
    }

    /** The accepted marks overlapping [from, to), keyed by device id. */
    Map<String, List<Mark>> marks(Instant from, Instant to) {
        Map<String, List<Mark>> out = new HashMap<>();
        jdbc.query(
                "SELECT mark_id, version, device_id, parameter, starts_at, ends_at, kind FROM accepted_marks(?, ?)"
                        + " ORDER BY device_id, starts_at, mark_id",
                rs -> {
                    out.computeIfAbsent(rs.getString(3), k -> new java.util.ArrayList<>())
                            .add(new Mark(
                                    rs.getLong(1),
                                    rs.getInt(2),
                                    rs.getString(4),
                                    rs.getTimestamp(5).toInstant(),
                                    rs.getTimestamp(6).toInstant(),
                                    rs.getString(7)));
                },
                ts(from),
                ts(to));
        return out;
    }

    /** When the device's data begin, or {@code null} if it never sent any (cached once known). */
    Instant firstSeen(Family family, String deviceId) {
        Instant known = firstSeen.get(deviceId);
        if (known != null) {
            return known;
        }
        Timestamp first = jdbc.queryForObject(
                "SELECT min(ts) FROM " + family.table() + " WHERE device_id = ?", Timestamp.class, deviceId);
        if (first == null) {
            return null;
        }
        firstSeen.put(deviceId, first.toInstant());
        return first.toInstant();
    }

    private static Double nullable(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.from(t);
    }
}
