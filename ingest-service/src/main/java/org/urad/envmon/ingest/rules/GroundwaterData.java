package org.urad.envmon.ingest.rules;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Groundwater levels from the database, averaged in local time: per well per month, and per zone
 * as the mean of its wells' means. Only valid gw_level values count.
 */
public final class GroundwaterData {

    /** Per well and month: the mean of that month's valid readings. */
    private static final String WELL_MONTHS = """
            SELECT r.device_id, w.zone_id, to_char(date_trunc('month', r.ts AT TIME ZONE ?), 'YYYY-MM') AS m,
                   avg(r.value) AS level
            FROM well_reading r JOIN well w ON w.device_id = r.device_id
            WHERE r.parameter = 'gw_level' AND r.valid AND r.period IN ('rt', 'min', 'hour', 'day')
              AND r.stat IN ('val', 'avg') AND r.ts >= ? AND r.ts < ?
            GROUP BY r.device_id, w.zone_id, m
            """;

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public GroundwaterData(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** Means keyed by subject id (well or zone), then by month (or quarter start when {@code quarterly}). */
    public record Means(Map<String, Map<YearMonth, Double>> wells, Map<String, Map<YearMonth, Double>> zones) {}

    public Means means(YearMonth from, YearMonth toExclusive, boolean quarterly) {
        Map<String, Map<YearMonth, double[]>> wellSums = new HashMap<>();
        Map<String, String> zoneOf = new HashMap<>();
        jdbc.query(
                WELL_MONTHS,
                rs -> {
                    YearMonth m = YearMonth.parse(rs.getString(3));
                    YearMonth key = quarterly ? GroundwaterRules.quarterOf(m) : m;
                    zoneOf.put(rs.getString(1), rs.getString(2));
                    double[] s = wellSums.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .computeIfAbsent(key, k -> new double[2]);
                    s[0] += rs.getDouble(4);
                    s[1]++;
                },
                zone.getId(),
                AlertTracker.ts(from.atDay(1).atStartOfDay(zone).toInstant()),
                AlertTracker.ts(toExclusive.atDay(1).atStartOfDay(zone).toInstant()));
        Map<String, Map<YearMonth, Double>> wells = new HashMap<>();
        Map<String, Map<YearMonth, double[]>> zoneSums = new HashMap<>();
        wellSums.forEach((well, byPeriod) -> byPeriod.forEach((period, s) -> {
            double mean = s[0] / s[1];
            wells.computeIfAbsent(well, k -> new HashMap<>()).put(period, mean);
            double[] z = zoneSums.computeIfAbsent(zoneOf.get(well), k -> new HashMap<>())
                    .computeIfAbsent(period, k -> new double[2]);
            z[0] += mean;
            z[1]++;
        }));
        Map<String, Map<YearMonth, Double>> zones = new HashMap<>();
        zoneSums.forEach((z, byPeriod) -> byPeriod.forEach(
                (period, s) -> zones.computeIfAbsent(z, k -> new HashMap<>()).put(period, s[0] / s[1])));
        return new Means(wells, zones);
    }

    /**
     * Indicator gw_stable_months for a zone as of the end of {@code asOf}: months in a row, ending
     * with {@code asOf}, whose zone mean is within ±bandM of the same month a year earlier.
     */
    public int stableMonths(String zoneId, YearMonth asOf, double bandM) {
        Map<YearMonth, Double> months =
                means(asOf.minusYears(12), asOf.plusMonths(1), false).zones().getOrDefault(zoneId, Map.of());
        return GroundwaterRules.stableMonths(months, asOf, bandM);
    }
}
