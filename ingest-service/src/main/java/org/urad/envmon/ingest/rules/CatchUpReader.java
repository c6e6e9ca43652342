package org.urad.envmon.ingest.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;

/**
 * Reads back, for the point-rule catch-up, the committed well readings, CEMS calibrations and over-range
 * (T) values of online monitors a backlog owes, and hands them on in batches of at most {@link #BATCH} values, oldest first per device.
 */
final class CatchUpReader {

    static final int BATCH = 500;

    private static final String WELL_READINGS = "SELECT parameter, period, stat, ts, value, flag, valid, seq"
            + " FROM well_reading WHERE device_id = ? AND ts BETWEEN ? AND ? AND valid"
            + " AND parameter IN ('gw_level', 'gw_depth', 'flow', 'volume_total') ORDER BY ts, parameter";
    private static final String CALIBRATIONS =
            "SELECT parameter, kind, ts, reference, measured, full_scale, reported_pass FROM calibration_record"
                    + " WHERE family = 'cems' AND device_id = ? AND ts BETWEEN ? AND ? AND kind <> 'comparison'"
                    + " ORDER BY ts, parameter";
    /** The values MONITOR_OVER_RANGE finds on: CEMS and water-quality values and means flagged T. */
    private static final String OVER_RANGE = """
            SELECT parameter, period, stat, ts, value, flag, valid, seq, 'cems' FROM cems_reading
             WHERE device_id = ? AND ts BETWEEN ? AND ? AND flag = 'T' AND stat IN ('val', 'avg')
            UNION ALL
            SELECT parameter, period, stat, ts, value, flag, valid, seq, 'water_quality' FROM water_quality_reading
             WHERE device_id = ? AND ts BETWEEN ? AND ? AND flag = 'T' AND stat IN ('val', 'avg')
            ORDER BY 4, 1""";

    private final JdbcTemplate jdbc;

    CatchUpReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void forEachBatch(PointRuleBacklog.Owed owed, Consumer<List<Outcome>> judge) {
        read(owed.wellReadings(), WELL_READINGS, CatchUpReader::reading, judge, true);
        read(owed.calibrations(), CALIBRATIONS, CatchUpReader::calibration, judge, false);
        read(owed.overRange(), OVER_RANGE, CatchUpReader::overRange, judge, true);
    }

    private <T> void read(
            Map<String, List<PointRuleBacklog.Range>> byDevice,
            String sql,
            DeviceRowMapper<T> mapper,
            Consumer<List<Outcome>> judge,
            boolean readings) {
        byDevice.forEach((deviceId, ranges) -> {
            for (PointRuleBacklog.Range range : ranges) {
                Object[] bounds = {deviceId, Timestamp.from(range.from()), Timestamp.from(range.to())};
                Object[] args = sql.equals(OVER_RANGE) ? concat(bounds, bounds) : bounds;
                List<T> values = jdbc.query(sql, (RowMapper<T>) (rs, i) -> mapper.map(deviceId, rs), args);
                for (int from = 0; from < values.size(); from += BATCH) {
                    List<T> chunk = new ArrayList<>(values.subList(from, Math.min(values.size(), from + BATCH)));
                    judge.accept(List.of(outcome(deviceId, chunk, readings)));
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Outcome outcome(String deviceId, List<?> values, boolean readings) {
        return readings
                ? new Outcome(null, "catch-up", deviceId, (List<Reading>) values, List.of(), List.of())
                : new Outcome(null, "catch-up", deviceId, List.of(), (List<Calibration>) values, List.of());
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Reading reading(String deviceId, ResultSet rs) throws SQLException {
        return reading(Family.WELL, deviceId, rs);
    }

    private static Reading overRange(String deviceId, ResultSet rs) throws SQLException {
        return reading(Family.fromCode(rs.getString(9)).orElseThrow(), deviceId, rs);
    }

    private static Reading reading(Family family, String deviceId, ResultSet rs) throws SQLException {
        long seq = rs.getLong(8);
        return new Reading(
                family,
                deviceId,
                rs.getString(1),
                rs.getTimestamp(4).toInstant(),
                Period.fromCode(rs.getString(2)).orElseThrow(),
                Statistic.fromCode(rs.getString(3)).orElseThrow(),
                rs.getDouble(5),
                DataFlag.parse(rs.getString(6)).orElseThrow(),
                rs.getBoolean(7),
                rs.wasNull() ? null : seq);
    }

    private static Calibration calibration(String deviceId, ResultSet rs) throws SQLException {
        double fullScale = rs.getDouble(6);
        Double fs = rs.wasNull() ? null : fullScale;
        boolean pass = rs.getBoolean(7);
        Boolean reported = rs.wasNull() ? null : pass;
        return new Calibration(
                Family.CEMS,
                deviceId,
                rs.getString(1),
                CalibrationKind.fromCode(rs.getString(2)).orElseThrow(),
                rs.getTimestamp(3).toInstant(),
                rs.getDouble(4),
                rs.getDouble(5),
                fs,
                reported);
    }

    @FunctionalInterface
    private interface DeviceRowMapper<T> {
        T map(String deviceId, ResultSet rs) throws SQLException;
    }
}
