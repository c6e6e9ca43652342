package org.urad.envmon.ingest.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Items (八).2, 23.1, 24.3, (一).3: metered abstraction vs allocation, quota, meters online, totals. */
final class AbstractionIndicators {

    private final NamedParameterJdbcTemplate jdbc;
    private final ExtractProperties settings;

    AbstractionIndicators(NamedParameterJdbcTemplate jdbc, ExtractProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** An active well: its village and annual allocation. */
    record WellRow(String well, String village, double allocation) {}

    /**
     * @param volumes the extract's meter volumes: the wells' volumes over the period and the year to date
     *     (the same span for a year's extract, computed once) and their village, zone and canal totals
     */
    List<Indicator> compute(ReportPeriod period, Instant now, MeterVolumes volumes) {
        List<WellRow> wells = jdbc.query(
                "SELECT w.device_id, w.village_id, w.annual_allocation_m3"
                        + " FROM well w JOIN device d ON d.id = w.device_id WHERE d.active ORDER BY w.device_id",
                (rs, i) -> new WellRow(
                        rs.getString("device_id"), rs.getString("village_id"), rs.getDouble("annual_allocation_m3")));
        LocalDate ytdFrom = period.yearStart();
        String periodSpan = period.labelZh();
        String ytdSpan =
                Sentences.date(ytdFrom) + "至" + Sentences.date(period.end().minusDays(1));
        Map<String, Double> inPeriod = volumes.between("well", period.start(), period.end());
        Map<String, Double> ytd = volumes.between("well", ytdFrom, period.end());
        List<Indicator> out = new ArrayList<>();
        int over = 0;
        Map<String, Double> villageFallback = new HashMap<>();
        for (WellRow w : wells) {
            double used = ytd.getOrDefault(w.well(), 0.0);
            boolean within = used <= w.allocation();
            over += within ? 0 : 1;
            out.add(row("(八).2", "well_volume_period", "本期计量取水量", "metered volume in period", "m3", w.well())
                    .value(inPeriod.get(w.well()))
                    .build());
            out.add(row("(八).2", "well_volume_ytd", "年度累计取水量", "metered volume, year to date", "m3", w.well())
                    .value(used)
                    .target("≤ " + Sentences.num(w.allocation(), 0), within)
                    .note("allocation " + Sentences.num(w.allocation(), 0) + " m3")
                    .build());
            villageFallback.merge(w.village(), w.allocation(), Double::sum);
        }
        for (MeterVolumes.Total t : volumes.totals(ytdFrom, period.end())) {
            boolean village = t.level().equals("village");
            Double cap = village && t.allocation() == null ? villageFallback.get(t.id()) : t.allocation();
            out.add(
                    village
                            ? vsCap(
                                    "23.1",
                                    "village_volume_ytd",
                                    "嘎查村年度累计取水量",
                                    "village volume, year to date",
                                    t,
                                    ytdSpan,
                                    cap)
                            : vsCap(
                                    "(八).2",
                                    "zone_volume_ytd",
                                    "超采区年度累计取水量",
                                    "zone volume, year to date",
                                    t,
                                    ytdSpan,
                                    cap));
        }
        out.add(row("(八).2", "wells_over_quota", "超定额机井数", "wells over annual quota", "眼", "banner")
                .value((double) over)
                .target("0", over == 0)
                .sentence(Sentences.wellsOverQuota(Sentences.date(period.end().minusDays(1)), over, wells.size()))
                .build());
        out.add(onlineRate(period, now, wells.size()));
        double wellsPeriod = MeterVolumes.sum(inPeriod);
        double gatesPeriod = canalTotal(volumes.canals(period.startInstant(), period.endInstant()));
        double wellsYtd = MeterVolumes.sum(ytd);
        double gatesYtd = canalTotal(
                volumes.canals(ytdFrom.atStartOfDay(ReportPeriod.ZONE).toInstant(), period.endInstant()));
        out.add(row(
                        "(一).3",
                        "total_metered_use_period",
                        "本期计量用水总量（机井+闸门）",
                        "metered water use in period (wells + gates)",
                        "m3",
                        "banner")
                .value(wellsPeriod + gatesPeriod)
                .sentence(Sentences.totalUse(periodSpan, wellsPeriod, gatesPeriod))
                .build());
        out.add(row(
                        "(一).3",
                        "total_metered_use_ytd",
                        "年度累计计量用水总量（机井+闸门）",
                        "metered water use, year to date (wells + gates)",
                        "m3",
                        "banner")
                .value(wellsYtd + gatesYtd)
                .sentence(Sentences.totalUse(ytdSpan, wellsYtd, gatesYtd))
                .build());
        return out;
    }

    private Indicator onlineRate(ReportPeriod period, Instant now, int registered) {
        Set<String> reporting = new HashSet<>(jdbc.queryForList(
                "SELECT DISTINCT d.device_id FROM well_reading_daily d JOIN well w ON w.device_id = d.device_id"
                        + " JOIN device dv ON dv.id = d.device_id"
                        + " WHERE dv.active AND d.parameter IN ('volume_total', 'flow') AND d.n > 0"
                        + " AND d.bucket >= :start AND d.bucket < :end",
                Sql.bounds(period, now),
                String.class));
        double rate = Sql.percent(reporting.size(), registered);
        return row("24.3", "meters_online_rate", "计量设施在线率", "meters reporting / registered", "%", "banner")
                .value(registered == 0 ? null : rate)
                .target("≥ " + Sentences.num(settings.meterOnlineTarget(), 1), rate >= settings.meterOnlineTarget())
                .note(reporting.size() + " / " + registered)
                .sentence(Sentences.onlineRate(period.labelZh(), "机井计量设施", registered, reporting.size()))
                .build();
    }

    /** The gates' share of metered use: the canals' totals, so gates in series count their water once. */
    private static double canalTotal(List<MeterVolumes.Canal> canals) {
        return canals.stream().mapToDouble(MeterVolumes.Canal::volume).sum();
    }

    private static Indicator vsCap(
            String item, String key, String zh, String en, MeterVolumes.Total t, String span, Double cap) {
        boolean hasCap = cap != null && cap > 0;
        return row(item, key, zh, en, "m3", t.id())
                .value(t.volume())
                .target(hasCap ? "≤ " + Sentences.num(cap, 0) : null, hasCap ? t.volume() <= cap : null)
                .note(hasCap ? "share " + Sentences.num(t.volume() / cap * 100, 1) + " %" : null)
                .sentence(Sentences.volumeVsAllocation(t.name(), span, t.volume(), hasCap ? cap : null))
                .build();
    }

    private static Indicator.Builder row(String item, String key, String zh, String en, String unit, String subject) {
        return Indicator.of(Area.ABSTRACTION, item, key, zh, en, unit).subject(subject);
    }
}
