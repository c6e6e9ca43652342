package org.urad.envmon.ingest.extract;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.urad.envmon.ingest.rules.Rule;

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

    /** A zone's monitoring wells (zone_gw_status); {@code noMeanReason} is set when it has none. */
    record ZoneStatus(String id, String name, int monitoringWells, String noMeanReason) {}

    List<Indicator> compute(ReportPeriod period, Instant now, RuleTargets targets) {
        List<ZoneStatus> zones = jdbc.query(
                "SELECT z.id, z.name, s.monitoring_wells, s.no_mean_reason FROM zone z"
                        + " JOIN zone_gw_status s ON s.zone_id = z.id ORDER BY z.id",
                (rs, i) -> new ZoneStatus(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
        List<Indicator> out = new ArrayList<>();
        for (ZoneStatus zone : zones) {
            out.addAll(quarters(zone, period, targets));
            out.add(stableMonths(zone, period, now));
        }
        out.addAll(new ControlWellIndicators(jdbc).compute(period, now));
        return out;
    }

    private List<Indicator> quarters(ZoneStatus zone, ReportPeriod period, RuleTargets all) {
        String zoneId = zone.id();
        // the zone rules (GW_YOY_DECLINE, GW_CONSECUTIVE_DECLINE) take overrides by zone id
        RuleTargets targets = all.of(jdbc, zoneId);
        String zoneName = zone.name();
        List<QuarterRow> rows = jdbc.query(
                // as of the period's end: a month's extract quotes its quarter up to the month's end
                "SELECT zone_id, quarter, level_m, wells, qoq_change_m, yoy_change_m"
                        + " FROM zone_gw_quarterly_until(:until) WHERE zone_id = :zone ORDER BY quarter",
                new MapSqlParameterSource("zone", zoneId).addValue("until", Sql.ts(period.endInstant())),
                (rs, i) -> new QuarterRow(
                        rs.getString("zone_id"),
                        rs.getObject("quarter", LocalDate.class),
                        rs.getDouble("level_m"),
                        rs.getInt("wells"),
                        Sql.nullableDouble(rs, "qoq_change_m"),
                        Sql.nullableDouble(rs, "yoy_change_m")));
        double decline = targets.get(Rule.GW_YOY_DECLINE, "decline_m");
        int declineQuarters = (int) Math.round(targets.get(Rule.GW_CONSECUTIVE_DECLINE, "quarters"));
        Map<LocalDate, QuarterRow> byQuarter = new HashMap<>();
        rows.forEach(r -> byQuarter.put(r.quarter(), r));
        List<Indicator> out = new ArrayList<>();
        for (LocalDate q : period.quarters()) {
            QuarterRow row = byQuarter.get(q);
            String quarter = q.getYear() + "-Q" + (q.getMonthValue() + 2) / 3;
            String label = ReportPeriod.parse(quarter).labelZh();
            Double coverage = row == null || zone.monitoringWells() == 0
                    ? null
                    : Sql.percent(row.wells(), zone.monitoringWells());
            String note = zone.noMeanReason() == null ? label : label + "; " + zone.noMeanReason();
            out.add(Indicator.of(Area.GROUNDWATER, ITEM, "gw_quarter_mean_level", "季度平均水位", "quarterly mean level", "m")
                    .subject(zoneId + " " + quarter)
                    .value(row == null ? null : row.level())
                    .coverage(coverage)
                    .note(note)
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
                    .target("≥ -" + Sentences.num(decline, 2), yoy != null && yoy >= -decline)
                    .coverage(coverage)
                    .note(note)
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
                .target("< " + declineQuarters, run < declineQuarters)
                .note(lastLabel)
                .sentence(Sentences.consecutiveDecline(zoneName, lastLabel, run))
                .build());
        return out;
    }

    private static boolean isDecline(QuarterRow row) {
        return row.qoq() != null && row.qoq() < 0;
    }

    private Indicator stableMonths(ZoneStatus zone, ReportPeriod period, Instant now) {
        YearMonth end = YearMonth.from(
                period.observedEnd(now).minus(Duration.ofSeconds(1)).atZone(ReportPeriod.ZONE));
        boolean running = period.observedEnd(now).isBefore(period.endInstant());
        if (running && !hasMonth(zone.id(), end)) {
            end = end.minusMonths(1); // the month under way has no data yet: judge up to the last one
        }
        Indicator.Builder indicator = Indicator.of(
                        Area.GROUNDWATER, "(八).6", "gw_stable_months", "水位连续稳定月数", "consecutive stable months", "月")
                .subject(zone.id());
        if (zone.noMeanReason() != null) {
            return indicator.value(null).note(zone.noMeanReason()).build();
        }
        StableRun run = jdbc.queryForObject(
                // the band is the definition's own setting (indicator_setting gw_stable_band_m)
                "SELECT months, since FROM zone_gw_stable_run(:zone, :asOf)",
                new MapSqlParameterSource("zone", zone.id()).addValue("asOf", end.atDay(1)),
                (rs, i) -> {
                    LocalDate since = rs.getObject("since", LocalDate.class);
                    return new StableRun(rs.getInt("months"), since == null ? null : YearMonth.from(since));
                });
        return indicator
                .value((double) run.months())
                .target("≥ " + settings.gwStableTargetMonths(), run.months() >= settings.gwStableTargetMonths())
                .note(run.since() == null ? null : "since " + run.since())
                .sentence(Sentences.stableMonths(zone.name(), run.months(), run.since(), end))
                .build();
    }

    private boolean hasMonth(String zoneId, YearMonth month) {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM zone_gw_monthly WHERE zone_id = :zone AND month = :month",
                new MapSqlParameterSource("zone", zoneId).addValue("month", month.atDay(1)),
                Integer.class);
        return n != null && n > 0;
    }
}
