package org.urad.envmon.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;

/**
 * Notes, in the batch's own transaction, what the point rules owe for it: one {@code point_rule_due} row
 * per device and kind (valid well readings, CEMS calibrations, online monitors' values flagged T) spanning the times of the values stored for
 * the first time, all in one statement. A batch without such values writes nothing. Should the service
 * stop before the rules have judged them, the rows say what to read back.
 */
public final class PointRuleDueWriter {

    /** The kinds of due row (the table's {@code kind}): valid well readings, CEMS calibrations, over-range values. */
    public static final String WELL_READING = "well_reading";

    public static final String CEMS_CALIBRATION = "cems_calibration";

    /** Online monitors' values flagged T, judged by MONITOR_OVER_RANGE. */
    public static final String OVER_RANGE = "over_range";

    /** A CEMS or water-quality value or mean flagged T (above the measuring range): MONITOR_OVER_RANGE work. */
    public static boolean overRange(Reading r) {
        return (r.family() == Family.CEMS || r.family() == Family.WATER_QUALITY)
                && (r.statistic() == Statistic.VALUE || r.statistic() == Statistic.AVG)
                && r.flag() == DataFlag.T;
    }

    private static final String INSERT = """
            INSERT INTO point_rule_due (kind, device_id, ts_from, ts_to)
            SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
            RETURNING id""";

    PointRuleDueWriter() {}

    private record Key(String kind, String deviceId) {}

    private record Span(Instant from, Instant to) {
        Span with(Instant t) {
            return new Span(t.isBefore(from) ? t : from, t.isAfter(to) ? t : to);
        }
    }

    /** Writes the batch's due rows; returns their ids (empty when the point rules have nothing to judge). */
    List<Long> write(Connection connection, List<Outcome> fresh) throws SQLException {
        Map<Key, Span> spans = spans(fresh);
        if (spans.isEmpty()) {
            return List.of();
        }
        int n = spans.size();
        String[] kinds = new String[n];
        String[] devices = new String[n];
        Timestamp[] from = new Timestamp[n];
        Timestamp[] to = new Timestamp[n];
        int i = 0;
        for (Map.Entry<Key, Span> e : spans.entrySet()) {
            kinds[i] = e.getKey().kind();
            devices[i] = e.getKey().deviceId();
            from[i] = Timestamp.from(e.getValue().from());
            to[i] = Timestamp.from(e.getValue().to());
            i++;
        }
        List<Long> ids = new ArrayList<>(n);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("text", kinds));
            insert.setArray(2, connection.createArrayOf("text", devices));
            insert.setArray(3, connection.createArrayOf("timestamptz", from));
            insert.setArray(4, connection.createArrayOf("timestamptz", to));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Per device and kind, the span of the values the point rules judge. */
    private static Map<Key, Span> spans(List<Outcome> fresh) {
        Map<Key, Span> spans = new LinkedHashMap<>();
        for (Outcome o : fresh) {
            for (Reading r : o.readings()) {
                if (r.family() == Family.WELL && r.valid()) {
                    include(spans, new Key(WELL_READING, r.deviceId()), r.time());
                } else if (overRange(r)) {
                    include(spans, new Key(OVER_RANGE, r.deviceId()), r.time());
                }
            }
            for (Calibration c : o.calibrations()) {
                if (c.family() == Family.CEMS) {
                    include(spans, new Key(CEMS_CALIBRATION, c.deviceId()), c.time());
                }
            }
        }
        return spans;
    }

    private static void include(Map<Key, Span> spans, Key key, Instant t) {
        spans.merge(key, new Span(t, t), (a, b) -> a.with(t));
    }
}
