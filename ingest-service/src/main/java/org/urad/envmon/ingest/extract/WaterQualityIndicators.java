package org.urad.envmon.ingest.extract;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.urad.envmon.ingest.rules.Rule;

/** Item 31: effective transmission rate, discharge-limit days, calibration intervals, samplers. */
final class WaterQualityIndicators {

    private static final String ITEM = "31";
    private static final String NH3N = "w21003";
    private static final String TEMPERATURE = "w01010";

    private final NamedParameterJdbcTemplate jdbc;

    WaterQualityIndicators(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A plant with its transmission_rate (V25) row over the period; {@code rate} null when nothing was expected. */
    private record Plant(
            String device,
            String enterprise,
            String name,
            boolean sampler,
            long expected,
            long received,
            long valid,
            long excluded,
            Double rate) {}

    private record Limit(Double value, Double low, Double cold) {}

    List<Indicator> compute(ReportPeriod period, Instant now, RuleTargets targets) {
        MapSqlParameterSource bounds = Sql.bounds(period, now);
        List<Plant> plants = jdbc.query(
                "SELECT m.device_id, m.enterprise, m.enterprise || m.outlet AS name, m.has_auto_sampler,"
                        + " coalesce(t.expected, 0) AS expected, coalesce(t.received, 0) AS received,"
                        + " coalesce(t.valid, 0) AS valid, coalesce(t.excluded, 0) AS excluded, t.rate_pct"
                        + " FROM monitor m JOIN device d ON d.id = m.device_id"
                        + " LEFT JOIN transmission_rate('range', :start, :end, :now) t ON t.device_id = m.device_id"
                        + " WHERE m.kind = 'water_quality' AND d.active ORDER BY m.device_id",
                bounds,
                (rs, i) -> new Plant(
                        rs.getString("device_id"),
                        rs.getString("enterprise"),
                        rs.getString("name"),
                        rs.getBoolean("has_auto_sampler"),
                        rs.getLong("expected"),
                        rs.getLong("received"),
                        rs.getLong("valid"),
                        rs.getLong("excluded"),
                        Sql.nullableDouble(rs, "rate_pct")));
        // each plant judged by the values in force for it: the rules match overrides on device id and enterprise
        Map<String, RuleTargets> plantTargets = new HashMap<>();
        Map<String, Double> coldWater = new HashMap<>();
        Map<String, Duration> intervals = new HashMap<>();
        for (Plant p : plants) {
            RuleTargets t = targets.of(jdbc, p.device(), p.enterprise());
            plantTargets.put(p.device(), t);
            coldWater.put(p.device(), t.get(Rule.WQ_DISCHARGE_LIMIT, "cold_temp_c"));
            intervals.put(p.device(), interval(t));
        }
        Map<String, Integer> daysAbove = daysAboveLimit(
                bounds, d -> coldWater.getOrDefault(d, targets.get(Rule.WQ_DISCHARGE_LIMIT, "cold_temp_c")));
        Duration fallback = interval(targets);
        Duration longest = intervals.values().stream().reduce(fallback, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        Map<String, Double> gaps = calibrationGaps(period, now, d -> intervals.getOrDefault(d, fallback), longest);
        long seconds =
                Duration.between(period.startInstant(), period.observedEnd(now)).toSeconds();
        String periodZh = period.labelZh();
        List<Indicator> out = new ArrayList<>();
        int withSampler = 0;
        for (Plant p : plants) {
            RuleTargets own = plantTargets.get(p.device());
            Duration interval = intervals.get(p.device());
            // Nothing expected: never reported (0 %), or the whole period left out (no figure).
            Double rate = p.rate() != null ? p.rate() : p.excluded() > 0 ? null : 0.0;
            boolean met = rate != null && own.met(Rule.WQ_TRANSMISSION_RATE, "target_pct", rate);
            out.add(row("wq_effective_transmission_rate", "有效传输率", "effective transmission rate", "%", p.device())
                    .value(rate)
                    .target(own.written(Rule.WQ_TRANSMISSION_RATE, "target_pct", 0), met)
                    .coverage(p.expected() <= 0 ? null : Sql.percent(p.received(), p.expected()))
                    .note("received " + p.received() + ", valid " + p.valid() + ", expected " + p.expected()
                            + ", left out " + p.excluded())
                    .sentence(
                            rate == null
                                    ? null
                                    : Sentences.transmission(
                                            periodZh,
                                            p.name(),
                                            rate,
                                            own.get(Rule.WQ_TRANSMISSION_RATE, "target_pct"),
                                            met))
                    .build());
            int days = daysAbove.getOrDefault(p.device(), 0);
            out.add(row("wq_days_above_limit", "日均值超标天数", "days above discharge limit", "天", p.device())
                    .value((double) days)
                    .target("0", days == 0)
                    .sentence(Sentences.dischargeDays(periodZh, p.name(), days))
                    .build());
            Double gap = gaps.getOrDefault(p.device(), seconds / 3600.0);
            double allowed = interval.toMinutes() / 60.0;
            out.add(row("wq_max_calibration_gap", "最长校准间隔", "longest time between calibrations", "h", p.device())
                    .value(gap)
                    .target("≤ " + Sentences.num(allowed, 0), gap <= allowed)
                    .sentence(Sentences.calibrationGap(periodZh, p.name(), gap, allowed))
                    .build());
            withSampler += p.sampler() ? 1 : 0;
            out.add(row("wq_auto_sampler", "已安装自动采样器", "automatic sampler installed", "", p.device())
                    .value(p.sampler() ? 1.0 : 0.0)
                    .target("1", p.sampler())
                    .sentence(Sentences.sampler(p.name(), p.sampler()))
                    .build());
        }
        out.add(row("wq_plants_with_sampler", "已安装自动采样器的污水处理厂", "plants with automatic sampler", "座", "banner")
                .value((double) withSampler)
                .target("≥ " + plants.size(), withSampler == plants.size())
                .build());
        return out;
    }

    /** Days per plant on which any parameter's daily mean broke its limit (NH3-N: cold limit at ≤ 12 °C). */
    private Map<String, Integer> daysAboveLimit(MapSqlParameterSource bounds, Function<String, Double> coldWater) {
        Map<String, Limit> limits = new HashMap<>();
        jdbc.query(
                "SELECT mp.device_id, mp.parameter, mp.limit_value, mp.limit_low, mp.limit_cold FROM monitor_parameter mp"
                        + " JOIN monitor m ON m.device_id = mp.device_id AND m.kind = 'water_quality'",
                rs -> {
                    limits.put(
                            rs.getString("device_id") + "/" + rs.getString("parameter"),
                            new Limit(
                                    Sql.nullableDouble(rs, "limit_value"),
                                    Sql.nullableDouble(rs, "limit_low"),
                                    Sql.nullableDouble(rs, "limit_cold")));
                });
        Map<String, Map<LocalDate, Map<String, Double>>> means = new HashMap<>();
        jdbc.query("SELECT device_id, parameter, bucket, avg_value FROM wq_daily_mean(:start, :end)", bounds, rs -> {
            LocalDate day = LocalDate.ofInstant(
                    rs.getObject("bucket", java.time.OffsetDateTime.class).toInstant(), ReportPeriod.ZONE);
            means.computeIfAbsent(rs.getString("device_id"), k -> new HashMap<>())
                    .computeIfAbsent(day, k -> new HashMap<>())
                    .put(rs.getString("parameter"), rs.getDouble("avg_value"));
        });
        Map<String, Integer> out = new HashMap<>();
        means.forEach((device, days) -> {
            Set<LocalDate> above = new HashSet<>();
            days.forEach((day, values) -> values.forEach((parameter, mean) -> {
                Limit limit = limits.get(device + "/" + parameter);
                if (limit != null && breaks(parameter, mean, limit, values.get(TEMPERATURE), coldWater.apply(device))) {
                    above.add(day);
                }
            }));
            out.put(device, above.size());
        });
        return out;
    }

    private static boolean breaks(String parameter, double mean, Limit limit, Double temperature, double coldWater) {
        Double upper = limit.value();
        if (NH3N.equals(parameter) && limit.cold() != null && temperature != null && temperature <= coldWater) {
            upper = limit.cold();
        }
        return (upper != null && mean > upper) || (limit.low() != null && mean < limit.low());
    }

    private static Duration interval(RuleTargets t) {
        return Duration.ofMinutes(Math.round(t.get(Rule.WQ_CALIBRATION_OVERDUE, "interval_hours") * 60));
    }

    /**
     * Longest time, in hours, between calibrations (zero/span) per plant, counted up to the period's observed end;
     * a calibration before the period counts when within the plant's interval of its start.
     */
    private Map<String, Double> calibrationGaps(
            ReportPeriod period, Instant now, Function<String, Duration> interval, Duration longest) {
        Instant from = period.startInstant().minus(longest);
        Instant end = period.observedEnd(now);
        Map<String, List<Instant>> times = new HashMap<>();
        jdbc.query(
                "SELECT m.device_id, c.ts FROM monitor m JOIN calibration_record c ON c.device_id = m.device_id"
                        + " WHERE m.kind = 'water_quality' AND c.kind IN ('zero', 'span') AND c.ts >= :from AND c.ts < :to"
                        + " GROUP BY m.device_id, c.ts ORDER BY m.device_id, c.ts",
                new MapSqlParameterSource("from", Sql.ts(from)).addValue("to", Sql.ts(end)),
                rs -> {
                    times.computeIfAbsent(rs.getString("device_id"), k -> new ArrayList<>())
                            .add(rs.getObject("ts", java.time.OffsetDateTime.class)
                                    .toInstant());
                });
        Map<String, Double> out = new HashMap<>();
        times.forEach((device, list) -> {
            Instant previous = period.startInstant();
            Instant since = period.startInstant().minus(interval.apply(device));
            double worst = 0;
            for (Instant t : list) {
                if (t.isBefore(since)) {
                    continue;
                }
                if (t.isAfter(period.startInstant())) {
                    worst = Math.max(worst, hours(previous, t));
                }
                previous = t;
            }
            out.put(device, Math.max(worst, hours(previous, end)));
        });
        return out;
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toMinutes() / 60.0;
    }

    private static Indicator.Builder row(String key, String zh, String en, String unit, String subject) {
        return Indicator.of(Area.WATER_QUALITY, ITEM, key, zh, en, unit).subject(subject);
    }
}
