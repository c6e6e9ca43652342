package org.urad.envmon.ingest.extract;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Metered volumes per device, as the schema defines them (meter_volume: sum of rises, resets survived). */
final class MeterVolumes {

    private final NamedParameterJdbcTemplate jdbc;

    MeterVolumes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Volume per device over local days [from, to), for a family's meters ("well" or "gate"): meter_volume in V16. */
    Map<String, Double> between(String family, LocalDate from, LocalDate to) {
        Map<String, Double> out = new HashMap<>();
        jdbc.query(
                "SELECT device_id, volume_m3 FROM meter_volume(:family, :from, :to)",
                new MapSqlParameterSource("family", family)
                        .addValue("from", Sql.ts(from))
                        .addValue("to", Sql.ts(to)),
                rs -> {
                    out.put(rs.getString("device_id"), rs.getDouble("volume_m3"));
                });
        return out;
    }

    static double sum(Map<String, Double> volumes) {
        return volumes.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
