package org.urad.envmon.ingest.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Items (八).2, 23.1, 24.3, (一).3: metered abstraction vs allocation, quota, meters online, totals. */
final class AbstractionIndicators {

    private final NamedParameterJdbcTemplate jdbc;
    private final ExtractProperties settings;
    private final MeterVolumes volumes;

    AbstractionIndicators(NamedParameterJdbcTemplate jdbc, ExtractProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.volumes = new MeterVolumes(jdbc);
    }

    record WellRow(
            String well,
            String village,
            String villageName,
            Double villageAllocation,
            String zone,
            String zoneName,
            Double zoneCap,
            double allocation) {}

    List<Indicator> compute(ReportPeriod period, Instant now) {
        List<WellRow> wells = jdbc.query(
                "SELECT w.device_id, w.village_id, v.name AS village_name, v.annual_allocation_m3 AS village_allocation,"
                        + " w.zone_id, z.name AS zone_name, z.annual_cap_m3, w.annual_allocation_m3"
                        + " FROM well w JOIN device d ON d.id = w.device_id JOIN village v ON v.id = w.village_id"
                        + " JOIN zone z ON z.id = w.zone_id WHERE d.active ORDER BY w.device_id",
                (rs, i) -> new WellRow(
                        rs.getString("device_id"),
                        rs.getString("village_id"),
                        rs.getString("village_name"),
                        Sql.nullableDouble(rs, "village_allocation"),
                        rs.getString("zone_id"),
                        rs.getString("zone_name"),
                        Sql.nullableDouble(rs, "annual_cap_m3"),
                        rs.getDouble("annual_allocation_m3")));
        LocalDate ytdFrom = period.yearStart();
        String periodSpan = period.labelZh();
        String ytdSpan =
                Sentences.date(ytdFrom) + "至" + Sentences.date(period.end().minusDays(1));
        Map<String, Double> inPeriod = volumes.between("well", period.start(), period.end());
        Map<String, Double> ytd = volumes.between("well", ytdFrom, period.end());
        List<Indicator> out = new ArrayList<>();
        int over = 0;
        Map<String, double[]> villages = new LinkedHashMap<>();
        Map<String, double[]> zones = new LinkedHashMap<>();
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
            add(villages, w.village(), used, w.villageAllocation() != null ? 0 : w.allocation());
            add(zones, w.zone(), used, 0);
        }
        for (WellRow v : firstPer(wells, true)) {
            double[] t = villages.get(v.village());
            Double allocation = v.villageAllocation() != null ? v.villageAllocation() : t[1];
            out.add(vsCap(
                    "23.1",
                    "village_volume_ytd",
                    "嘎查村年度累计取水量",
                    "village volume, year to date",
                    v.village(),
                    v.villageName(),
                    ytdSpan,
                    t[0],
                    allocation));
        }
        for (WellRow z : firstPer(wells, false)) {
            double[] t = zones.get(z.zone());
            out.add(vsCap(
                    "(八).2",
                    "zone_volume_ytd",
                    "超采区年度累计取水量",
                    "zone volume, year to date",
                    z.zone(),
                    z.zoneName(),
                    ytdSpan,
                    t[0],
                    z.zoneCap()));
        }
        out.add(row("(八).2", "wells_over_quota", "超定额机井数", "wells over annual quota", "眼", "banner")
                .value((double) over)
                .target("0", over == 0)
                .sentence(Sentences.wellsOverQuota(Sentences.date(period.end().minusDays(1)), over, wells.size()))
                .build());
        out.add(onlineRate(period, now, wells.size()));
        double wellsPeriod = MeterVolumes.sum(inPeriod);
        double gatesPeriod = MeterVolumes.sum(volumes.between("gate", period.start(), period.end()));
        double wellsYtd = MeterVolumes.sum(ytd);
        double gatesYtd = MeterVolumes.sum(volumes.between("gate", ytdFrom, period.end()));
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

    private static Indicator vsCap(
            String item,
            String key,
            String zh,
            String en,
            String id,
            String name,
            String span,
            double used,
            Double cap) {
        boolean hasCap = cap != null && cap > 0;
        return row(item, key, zh, en, "m3", id)
                .value(used)
                .target(hasCap ? "≤ " + Sentences.num(cap, 0) : null, hasCap ? used <= cap : null)
                .note(hasCap ? "share " + Sentences.num(used / cap * 100, 1) + " %" : null)
                .sentence(Sentences.volumeVsAllocation(name, span, used, hasCap ? cap : null))
                .build();
    }

    private static Indicator.Builder row(String item, String key, String zh, String en, String unit, String subject) {
        return Indicator.of(Area.ABSTRACTION, item, key, zh, en, unit).subject(subject);
    }

    private static void add(Map<String, double[]> totals, String key, double used, double allocation) {
        double[] t = totals.computeIfAbsent(key, k -> new double[2]);
        t[0] += used;
        t[1] += allocation;
    }

    private static List<WellRow> firstPer(List<WellRow> wells, boolean village) {
        Map<String, WellRow> first = new LinkedHashMap<>();
        wells.stream()
                .sorted((a, b) ->
                        village ? a.village().compareTo(b.village()) : a.zone().compareTo(b.zone()))
                .forEach(w -> first.putIfAbsent(village ? w.village() : w.zone(), w));
        return List.copyOf(first.values());
    }
}
