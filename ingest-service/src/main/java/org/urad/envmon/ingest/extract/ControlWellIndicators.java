package org.urad.envmon.ingest.extract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Item (八): control wells whose period mean level is below their control level, and by how much. */
final class ControlWellIndicators {

    private final NamedParameterJdbcTemplate jdbc;

    ControlWellIndicators(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(String well, String name, double control, Double level, int days) {}

    List<Indicator> compute(ReportPeriod period, Instant now) {
        List<Row> rows = jdbc.query(
                "SELECT m.device_id, d.name, m.control_level_m, m.level_m AS level, m.days"
                        + " FROM control_well_margin(:start, :now) m JOIN device d ON d.id = m.device_id"
                        + " ORDER BY m.device_id",
                Sql.bounds(period, now),
                (rs, i) -> new Row(
                        rs.getString("device_id"),
                        rs.getString("name"),
                        rs.getDouble("control_level_m"),
                        Sql.nullableDouble(rs, "level"),
                        rs.getInt("days")));
        double days = Math.max(
                1,
                Math.ceil(Duration.between(period.startInstant(), period.observedEnd(now))
                                .toHours()
                        / 24.0));
        String periodZh = period.labelZh();
        List<Indicator> out = new ArrayList<>();
        int below = 0;
        int measured = 0;
        for (Row r : rows) {
            Double depth = r.level() == null ? null : r.control() - r.level();
            if (depth != null) {
                measured++;
                below += depth > 0 ? 1 : 0;
            }
            out.add(Indicator.of(
                            Area.GROUNDWATER, "(八)", "gw_below_control_level", "低于控制水位", "below control level", "m")
                    .subject(r.well())
                    .value(depth)
                    .target("≤ 0", depth != null && depth <= 0)
                    .coverage(Sql.percent(r.days(), days))
                    .note(r.name())
                    .sentence(depth == null ? null : Sentences.controlWell(r.well(), periodZh, depth))
                    .build());
        }
        out.add(Indicator.of(
                        Area.GROUNDWATER,
                        "(八)",
                        "gw_control_wells_below",
                        "低于控制水位的控制井数",
                        "control wells below control level",
                        "眼")
                .subject("banner")
                .value((double) below)
                .target("0", below == 0)
                .coverage(Sql.percent(measured, rows.size()))
                .sentence(Sentences.controlWellsBelow(periodZh, below, measured))
                .build());
        return out;
    }
}
