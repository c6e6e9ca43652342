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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Item 31: effective transmission rate, discharge-limit days, calibration intervals, samplers. */
final class WaterQualityIndicators {

    private static final String ITEM = "31";
    private static final String NH3N = "w21003";
    private static final String TEMPERATURE = "w01010";

    private final NamedParameterJdbcTemplate jdbc;
    private final ExtractProperties settings;

    WaterQualityIndicators(NamedParameterJdbcTemplate jdbc, ExtractProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    private record Plant(
            String device,
            String name,
            boolean sampler,
            long intervalSeconds,
            int parameters,
            long received,
            long valid) {}

    private record Limit(Double value, Double low, Double cold) {}

    List<Indicator> compute(ReportPeriod period, Instant now) {
        MapSqlParameterSource bounds = Sql.bounds(period, now);
        List<Plant> plants = jdbc.query(
                "SELECT m.device_id, m.enterprise || m.outlet AS name, m.has_auto_sampler,"
                        + " extract(epoch FROM d.reporting_interval)::bigint AS interval_s,"
                        + " (SELECT count(*) FROM monitor_parameter mp WHERE mp.device_id = m.device_id) AS parameters,"
                        + " coalesce(r.received, 0) AS received, coalesce(r.valid, 0) AS valid"
                        + " FROM monitor m JOIN device d ON d.id = m.device_id"
                        + " LEFT JOIN (SELECT q.device_id, sum(q.n) AS received, sum(q.n_valid) AS valid"
                        + "     FROM water_quality_reading_daily q JOIN monitor_parameter mp"
                        + "       ON mp.device_id = q.device_id AND mp.parameter = q.parameter"
                        + "     WHERE q.bucket >= :start AND q.bucket < :end GROUP BY q.device_id) r"
                        + "   ON r.device_id = m.device_id"
                        + " WHERE m.kind = 'water_quality' AND d.active ORDER BY m.device_id",
                bounds,
                (rs, i) -> new Plant(
                        rs.getString("device_id"),
                        rs.getString("name"),
                        rs.getBoolean("has_auto_sampler"),
                        rs.getLong("interval_s"),
                        rs.getInt("parameters"),
                        rs.getLong("received"),
                        rs.getLong("valid")));
        Map<String, Integer> daysAbove = daysAboveLimit(bounds);
        Map<String, Double> gaps = calibrationGaps(period, now);
        long seconds =
                Duration.between(period.startInstant(), period.observedEnd(now)).toSeconds();
        String periodZh = period.labelZh();
        List<Indicator> out = new ArrayList<>();
        int withSampler = 0;
        for (Plant p : plants) {
            double expected = (double) p.parameters() * seconds / Math.max(1, p.intervalSeconds());
            double received = Math.min(p.received(), expected);
            double rate = expected <= 0 || p.received() == 0
                    ? 0
                    : received / expected * ((double) p.valid() / p.received()) * 100;
            out.add(row("wq_effective_transmission_rate", "有效传输率", "effective transmission rate", "%", p.device())
                    .value(rate)
                    .target(
                            "≥ " + Sentences.num(settings.wqTransmissionTarget(), 0),
                            rate >= settings.wqTransmissionTarget())
                    .coverage(expected <= 0 ? null : Sql.percent(received, expected))
                    .note("received " + p.received() + ", valid " + p.valid() + ", expected " + Math.round(expected))
                    .sentence(Sentences.transmission(periodZh, p.name(), rate, settings.wqTransmissionTarget()))
                    .build());
            int days = daysAbove.getOrDefault(p.device(), 0);
            out.add(row("wq_days_above_limit", "日均值超标天数", "days above discharge limit", "天", p.device())
                    .value((double) days)
                    .target("0", days == 0)
                    .sentence(Sentences.dischargeDays(periodZh, p.name(), days))
                    .build());
            Double gap = gaps.getOrDefault(p.device(), seconds / 3600.0);
            double allowed = settings.wqCalibrationInterval().toHours();
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
    private Map<String, Integer> daysAboveLimit(MapSqlParameterSource bounds) {
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
        jdbc.query(
                "SELECT device_id, parameter, bucket, avg_value FROM water_quality_reading_daily"
                        + " WHERE n_valid > 0 AND bucket >= :start AND bucket < :end",
                bounds,
                rs -> {
                    LocalDate day = LocalDate.ofInstant(
                            rs.getObject("bucket", java.time.OffsetDateTime.class)
                                    .toInstant(),
                            ReportPeriod.ZONE);
                    means.computeIfAbsent(rs.getString("device_id"), k -> new HashMap<>())
                            .computeIfAbsent(day, k -> new HashMap<>())
                            .put(rs.getString("parameter"), rs.getDouble("avg_value"));
                });
        Map<String, Integer> out = new HashMap<>();
        means.forEach((device, days) -> {
            Set<LocalDate> above = new HashSet<>();
            days.forEach((day, values) -> values.forEach((parameter, mean) -> {
                Limit limit = limits.get(device + "/" + parameter);
                if (limit != null && breaks(parameter, mean, limit, values.get(TEMPERATURE))) {
                    above.add(day);
                }
            }));
            out.put(device, above.size());
        });
        return out;
    }

    private boolean breaks(String parameter, double mean, Limit limit, Double temperature) {
        Double upper = limit.value();
        if (NH3N.equals(parameter)
                && limit.cold() != null
                && temperature != null
                && temperature <= settings.wqColdWater()) {
            upper = limit.cold();
        }
        return (upper != null && mean > upper) || (limit.low() != null && mean < limit.low());
    }

    /** Longest time, in hours, between calibrations (zero/span) per plant, counted up to the period's observed end. */
    private Map<String, Double> calibrationGaps(ReportPeriod period, Instant now) {
        Instant from = period.startInstant().minus(settings.wqCalibrationInterval());
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
            double worst = 0;
            for (Instant t : list) {
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
