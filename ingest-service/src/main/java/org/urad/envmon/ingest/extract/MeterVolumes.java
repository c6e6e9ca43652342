package org.urad.envmon.ingest.extract;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Metered volumes per device, as the schema defines them (meter_volume: sum of rises, resets survived), and
 * the village, zone and canal totals summed from them (abstraction_totals_of, canal_volume_of: V41). One
 * instance serves one extract: each family's volumes over a span are computed once, however many
 * indicators read them (a year's extract asks for the same span as period and as year to date).
 */
final class MeterVolumes {

    /** A village's or zone's volume and its allocation or cap, as abstraction_totals returns them. */
    record Total(String level, String id, String name, double volume, Double allocation) {}

    /** A canal's volume (its counted active gates) and how many active gates it has and counts. */
    record Canal(String canal, double volume, int gates, int counted) {}

    private record Span(String family, Instant from, Instant to) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final Map<Span, Map<String, Double>> computed = new HashMap<>();

    MeterVolumes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Volume per device over local days [from, to), for a family's meters ("well" or "gate"). */
    Map<String, Double> between(String family, LocalDate from, LocalDate to) {
        return between(family, start(from), start(to));
    }

    /** Volume per device over [from, to): meter_volume in V16, V25. */
    Map<String, Double> between(String family, Instant from, Instant to) {
        return computed.computeIfAbsent(new Span(family, from, to), span -> {
            Map<String, Double> out = new HashMap<>();
            jdbc.query(
                    "SELECT device_id, volume_m3 FROM meter_volume(:family, :from, :to)",
                    new MapSqlParameterSource("family", family)
                            .addValue("from", Sql.ts(from))
                            .addValue("to", Sql.ts(to)),
                    rs -> {
                        out.put(rs.getString("device_id"), rs.getDouble("volume_m3"));
                    });
            return Map.copyOf(out);
        });
    }

    /**
     * Village and zone totals of the wells' volumes over local days [from, to), as abstraction_totals sums
     * them for WELL_QUOTA and the groundwater panels: every well registered there counts, active or not,
     * for villages and zones with at least one well.
     */
    List<Total> totals(LocalDate from, LocalDate to) {
        return sum(
                between("well", from, to),
                "SELECT t.level, t.id, t.name, t.volume_m3, t.allocation_m3 FROM abstraction_totals_of(?, ?) t"
                        + " WHERE EXISTS (SELECT 1 FROM well w WHERE CASE t.level WHEN 'village'"
                        + " THEN w.village_id = t.id ELSE w.zone_id = t.id END)"
                        + " ORDER BY t.level = 'zone', t.id COLLATE \"C\"",
                (rs, i) -> new Total(
                        rs.getString("level"),
                        rs.getString("id"),
                        rs.getString("name"),
                        rs.getDouble("volume_m3"),
                        Sql.nullableDouble(rs, "allocation_m3")));
    }

    /** Canal totals of the gates' volumes over [from, to), as canal_volume sums them for the gate panels. */
    List<Canal> canals(Instant from, Instant to) {
        return sum(
                between("gate", from, to),
                "SELECT canal, volume_m3, gates, counted FROM canal_volume_of(?, ?) ORDER BY canal",
                (rs, i) -> new Canal(
                        rs.getString("canal"), rs.getDouble("volume_m3"), rs.getInt("gates"), rs.getInt("counted")));
    }

    static double sum(Map<String, Double> volumes) {
        return volumes.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private <T> List<T> sum(Map<String, Double> volumes, String sql, RowMapper<T> rows) {
        List<String> devices = new ArrayList<>(volumes.keySet());
        Double[] values = devices.stream().map(volumes::get).toArray(Double[]::new);
        return jdbc.getJdbcTemplate()
                .query(
                        connection -> {
                            PreparedStatement statement = connection.prepareStatement(sql);
                            statement.setArray(1, connection.createArrayOf("text", devices.toArray()));
                            statement.setArray(2, connection.createArrayOf("float8", values));
                            return statement;
                        },
                        rows);
    }

    private static Instant start(LocalDate localDay) {
        return localDay.atStartOfDay(ReportPeriod.ZONE).toInstant();
    }
}
