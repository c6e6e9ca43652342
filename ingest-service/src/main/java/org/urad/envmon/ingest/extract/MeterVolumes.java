package org.urad.envmon.ingest.extract;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Metered volumes per device from the daily aggregates of {@code volume_total}. */
final class MeterVolumes {

    private final NamedParameterJdbcTemplate jdbc;

    MeterVolumes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Volume per device over local days [from, to), for a family's table ("well" or "gate"). */
    Map<String, Double> between(String family, LocalDate from, LocalDate to) {
        if (!family.equals("well") && !family.equals("gate")) {
            throw new IllegalArgumentException(family);
        }
        Map<String, List<MeterVolume.Bucket>> buckets = new HashMap<>();
        jdbc.query(
                "SELECT device_id, first_value, last_value, min_value, max_value FROM " + family + "_reading_daily"
                        + " WHERE parameter = 'volume_total' AND bucket >= :from AND bucket < :to"
                        + " ORDER BY device_id, bucket",
                new MapSqlParameterSource("from", Sql.ts(from)).addValue("to", Sql.ts(to)),
                rs -> {
                    buckets.computeIfAbsent(rs.getString("device_id"), k -> new ArrayList<>())
                            .add(new MeterVolume.Bucket(
                                    rs.getDouble("first_value"),
                                    rs.getDouble("last_value"),
                                    Sql.nullableDouble(rs, "min_value"),
                                    Sql.nullableDouble(rs, "max_value")));
                });
        Map<String, Double> out = new HashMap<>();
        buckets.forEach((device, list) -> out.put(device, MeterVolume.of(list)));
        return out;
    }

    static double sum(Map<String, Double> volumes) {
        return volumes.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
