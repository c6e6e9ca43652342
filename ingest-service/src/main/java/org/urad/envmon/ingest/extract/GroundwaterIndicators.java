package org.urad.envmon.ingest.extract;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Item (八): zone mean levels, year-on-year change, decline runs, stable months, control wells. */
final class GroundwaterIndicators {

    private static final String ITEM = "(八)";

    private final NamedParameterJdbcTemplate jdbc;
    private final ExtractProperties settings;

    GroundwaterIndicators(NamedParameterJdbcTemplate jdbc, ExtractProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    record QuarterRow(String zone, LocalDate quarter, double level, int wells, Double qoq, Double yoy) {}

    List<Indicator> compute(ReportPeriod period, Instant now) {
        Map<String, String> zones = new LinkedHashMap<>();
        jdbc.query("SELECT id, name FROM zone ORDER BY id", rs -> {
            zones.put(rs.getString("id"), rs.getString("name"));
        });
        Map<String, Integer> controlWells = new HashMap<>();
        jdbc.query("SELECT zone_id, count(*) AS n FROM well WHERE is_control_well GROUP BY zone_id", rs -> {
            controlWells.put(rs.getString("zone_id"), rs.getInt("n"));
        });
        List<Indicator> out = new ArrayList<>();
        for (var zone : zones.entrySet()) {
            out.addAll(quarters(zone.getKey(), zone.getValue(), controlWells.getOrDefault(zone.getKey(), 0), period));
            out.add(stableMonths(zone.getKey(), zone.getValue(), period, now));
        }
        out.addAll(new ControlWellIndicators(jdbc).compute(period, now));
        return out;
    }

    private List<Indicator> quarters(String zoneId, String zoneName, int controlWells, ReportPeriod period) {
        List<QuarterRow> rows = jdbc.query(
                "SELECT zone_id, quarter, level_m, wells, qoq_change_m, yoy_change_m FROM zone_gw_quarterly"
                        + " WHERE zone_id = :zone AND quarter < :end ORDER BY quarter",
                new MapSqlParameterSource("zone", zoneId).addValue("end", period.end()),
                (rs, i) -> new QuarterRow(
                        rs.getString("zone_id"),
                        rs.getObject("quarter", LocalDate.class),
                        rs.getDouble("level_m"),
                        rs.getInt("wells"),
                        Sql.nullableDouble(rs, "qoq_change_m"),
                        Sql.nullableDouble(rs, "yoy_change_m")));
        Map<LocalDate, QuarterRow> byQuarter = new HashMap<>();
        rows.forEach(r -> byQuarter.put(r.quarter(), r));
        List<Indicator> out = new ArrayList<>();
        for (LocalDate q : period.quarters()) {
            QuarterRow row = byQuarter.get(q);
            String quarter = q.getYear() + "-Q" + (q.getMonthValue() + 2) / 3;
            String label = ReportPeriod.parse(quarter).labelZh();
            Double coverage = row == null || controlWells == 0 ? null : Sql.percent(row.wells(), controlWells);
            out.add(Indicator.of(Area.GROUNDWATER, ITEM, "gw_quarter_mean_level", "季度平均水位", "quarterly mean level", "m")
                    .subject(zoneId + " " + quarter)
                    .value(row == null ? null : row.level())
                    .coverage(coverage)
                    .note(label)
                    .sentence(row == null ? null : Sentences.quarterLevel(zoneName, label, row.level(), row.yoy()))
                    .build());
            Double yoy = row == null ? null : row.yoy();
            out.add(Indicator.of(
                            Area.GROUNDWATER,
                            ITEM,
                            "gw_quarter_yoy_change",
                            "季度平均水位同比变化",
                            "quarterly mean level, year-on-year change",
                            "m")
                    .subject(zoneId + " " + quarter)
                    .value(yoy)
                    .target(
                            "≥ -" + Sentences.num(settings.gwYoyDeclineLimit(), 2),
                            yoy != null && yoy >= -settings.gwYoyDeclineLimit())
                    .coverage(coverage)
                    .note(label)
                    .build());
        }
        LocalDate last = period.quarters().get(period.quarters().size() - 1);
        int run = 0;
        for (LocalDate q = last; byQuarter.containsKey(q) && isDecline(byQuarter.get(q)); q = q.minusMonths(3)) {
            run++;
        }
        String lastLabel = ReportPeriod.parse(last.getYear() + "-Q" + (last.getMonthValue() + 2) / 3)
                .labelZh();
        out.add(Indicator.of(
                        Area.GROUNDWATER,
                        ITEM,
                        "gw_decline_quarters",
                        "连续环比下降季度数",
                        "consecutive quarters of decline",
                        "季度")
                .subject(zoneId)
                .value((double) run)
                .target("< " + settings.gwDeclineQuarters(), run < settings.gwDeclineQuarters())
                .note(lastLabel)
                .sentence(Sentences.consecutiveDecline(zoneName, lastLabel, run))
                .build());
        return out;
    }

    private static boolean isDecline(QuarterRow row) {
        return row.qoq() != null && row.qoq() < 0;
    }

    private Indicator stableMonths(String zoneId, String zoneName, ReportPeriod period, Instant now) {
        Map<YearMonth, Double> yoy = new HashMap<>();
        jdbc.query(
                "SELECT month, yoy_change_m FROM zone_gw_monthly WHERE zone_id = :zone AND month < :end",
                new MapSqlParameterSource("zone", zoneId).addValue("end", period.end()),
                rs -> {
                    yoy.put(
                            YearMonth.from(rs.getObject("month", LocalDate.class)),
                            Sql.nullableDouble(rs, "yoy_change_m"));
                });
        YearMonth end = YearMonth.from(
                period.observedEnd(now).minus(Duration.ofSeconds(1)).atZone(ReportPeriod.ZONE));
        boolean running = period.observedEnd(now).isBefore(period.endInstant());
        if (running && !yoy.containsKey(end)) {
            end = end.minusMonths(1); // the month under way has no data yet: judge up to the last one
        }
        StableRun run = StableRun.of(yoy, end, settings.gwStableBand());
        return Indicator.of(Area.GROUNDWATER, "(八).6", "gw_stable_months", "水位连续稳定月数", "consecutive stable months", "月")
                .subject(zoneId)
                .value((double) run.months())
                .target("≥ " + settings.gwStableTargetMonths(), run.months() >= settings.gwStableTargetMonths())
                .note(run.since() == null ? null : "since " + run.since())
                .sentence(Sentences.stableMonths(zoneName, run.months(), run.since(), end))
                .build();
    }
}
