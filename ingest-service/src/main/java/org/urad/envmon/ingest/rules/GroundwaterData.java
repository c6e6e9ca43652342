package org.urad.envmon.ingest.rules;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Groundwater levels as the schema defines them (V16: well_gw_monthly/quarterly, zone_gw_monthly/
 * quarterly over monitoring wells only, zone_gw_stable_run, control_well_margin); the extract and
 * the dashboards read the same views, so the rules quote the same numbers.
 */
public final class GroundwaterData {

    private static final String WELLS = """
            SELECT device_id, to_char(%1$s, 'YYYY-MM'), level_m FROM well_gw_%2$s
            WHERE %1$s >= ?::date AND %1$s < ?::date
            """;
    private static final String ZONES = """
            SELECT zone_id, to_char(%1$s, 'YYYY-MM'), level_m FROM zone_gw_%2$s
            WHERE %1$s >= ?::date AND %1$s < ?::date
            """;

    /** The views cut months and quarters in this zone. */
    static final ZoneId VIEW_ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate jdbc;

    /** @param zone the rules' local time zone; the views compute months and quarters in Asia/Shanghai */
    public GroundwaterData(JdbcTemplate jdbc, ZoneId zone) {
        if (!VIEW_ZONE.getRules().equals(zone.getRules())) {
            throw new IllegalArgumentException("groundwater periods are local to " + VIEW_ZONE + ", not " + zone);
        }
        this.jdbc = jdbc;
    }

    /** Means keyed by subject id (well or zone), then by month (or quarter start when {@code quarterly}). */
    public record Means(Map<String, Map<YearMonth, Double>> wells, Map<String, Map<YearMonth, Double>> zones) {}

    /** A control well's mean level over a period against its control level; {@code level} null without data. */
    public record ControlMargin(String wellId, String zoneId, double controlLevel, Double level, long readings) {}

    public Means means(YearMonth from, YearMonth toExclusive, boolean quarterly) {
        String column = quarterly ? "quarter" : "month";
        String view = quarterly ? "quarterly" : "monthly";
        return new Means(
                read(WELLS.formatted(column, view), from, toExclusive),
                read(ZONES.formatted(column, view), from, toExclusive));
    }

    private Map<String, Map<YearMonth, Double>> read(String sql, YearMonth from, YearMonth toExclusive) {
        Map<String, Map<YearMonth, Double>> out = new HashMap<>();
        jdbc.query(
                sql,
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(YearMonth.parse(rs.getString(2)), rs.getDouble(3));
                },
                from.atDay(1).toString(),
                toExclusive.atDay(1).toString());
        return out;
    }

    /**
     * Indicator gw_stable_months for a zone as of the end of {@code asOf}: months in a row, ending
     * with {@code asOf}, whose zone mean is within ±bandM of the same month a year earlier.
     */
    public int stableMonths(String zoneId, YearMonth asOf, double bandM) {
        Integer months = jdbc.queryForObject(
                "SELECT months FROM zone_gw_stable_run(?, ?::date, ?)",
                Integer.class,
                zoneId,
                asOf.atDay(1).toString(),
                bandM);
        return months == null ? 0 : months;
    }

    /** Every control well's mean level over [from, to) (control_well_margin in V16). */
    public List<ControlMargin> controlMargins(Instant from, Instant to) {
        return jdbc.query(
                "SELECT device_id, zone_id, control_level_m, level_m, readings FROM control_well_margin(?, ?)",
                (rs, n) -> {
                    // wasNull() answers for the last column read: read the level last but one
                    Double level = rs.getObject(4) == null ? null : rs.getDouble(4);
                    return new ControlMargin(rs.getString(1), rs.getString(2), rs.getDouble(3), level, rs.getLong(5));
                },
                AlertTracker.ts(from),
                AlertTracker.ts(to));
    }
}
