package org.urad.envmon.ingest.extract;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.urad.envmon.ingest.rules.Rule;
import org.urad.envmon.ingest.rules.RuleParams;

/** Item 30: CEMS calibrations and their deviation, comparison monitoring, emission hours, capture. */
final class CemsIndicators {

    private static final String ITEM = "30";

    private final NamedParameterJdbcTemplate jdbc;
    private final ExtractProperties settings;

    CemsIndicators(NamedParameterJdbcTemplate jdbc, ExtractProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    private record Channel(
            String device,
            String parameter,
            String who,
            Double limit,
            String unit,
            int validHours,
            int hoursAbove,
            int markedHours,
            int validDays,
            Double highestDailyMean) {}

    private record Calibrations(int count, int passed, int notJudgeable, double worst, double allowed) {}

    List<Indicator> compute(ReportPeriod period, Instant now) {
        var params = Sql.bounds(period, now);
        // valid hours and daily means at the limit's reference O2: the definitions of V24
        List<Channel> channels = jdbc.query(
                "WITH am AS MATERIALIZED (SELECT * FROM accepted_marks(:start, :end)),"
                        + " h AS MATERIALIZED (SELECT * FROM cems_valid_hours(:start, :end)),"
                        + " dm AS MATERIALIZED (SELECT * FROM cems_daily_means(:start, :end))"
                        + " SELECT mp.device_id, mp.parameter, m.enterprise || m.outlet || coalesce(p.name_zh, mp.parameter) AS who,"
                        + " mp.limit_value, mp.unit, coalesce(hh.valid_hours, 0) AS valid_hours,"
                        + " coalesce(hh.hours_above, 0) AS hours_above,"
                        + " coalesce(dd.valid_days, 0) AS valid_days, dd.highest_daily_mean,"
                        + " (SELECT count(*) FROM generate_series(:start, :now - INTERVAL '1 hour', INTERVAL '1 hour') g"
                        + "   WHERE EXISTS (SELECT 1 FROM am WHERE am.device_id = mp.device_id"
                        + "     AND (am.parameter IS NULL OR am.parameter = mp.parameter)"
                        + "     AND am.starts_at < g + INTERVAL '1 hour' AND am.ends_at > g)) AS marked_hours"
                        + " FROM monitor_parameter mp JOIN monitor m ON m.device_id = mp.device_id AND m.kind = 'cems'"
                        + " JOIN device d ON d.id = mp.device_id"
                        + " LEFT JOIN parameter p ON p.family = 'cems' AND p.code = mp.parameter"
                        + " LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE h.valid_hour) AS valid_hours,"
                        + "       count(*) FILTER (WHERE h.valid_hour AND h.mean > mp.limit_value) AS hours_above"
                        + "     FROM h WHERE h.device_id = mp.device_id AND h.parameter = mp.parameter) hh ON true"
                        + " LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE dm.valid_day) AS valid_days,"
                        + "       max(dm.mean) FILTER (WHERE dm.valid_day) AS highest_daily_mean"
                        + "     FROM dm WHERE dm.device_id = mp.device_id AND dm.parameter = mp.parameter) dd ON true"
                        + " WHERE d.active ORDER BY mp.device_id, mp.parameter",
                params,
                (rs, i) -> new Channel(
                        rs.getString("device_id"),
                        rs.getString("parameter"),
                        rs.getString("who"),
                        Sql.nullableDouble(rs, "limit_value"),
                        rs.getString("unit"),
                        rs.getInt("valid_hours"),
                        rs.getInt("hours_above"),
                        rs.getInt("marked_hours"),
                        rs.getInt("valid_days"),
                        Sql.nullableDouble(rs, "highest_daily_mean")));
        Map<String, Calibrations> calibrations = calibrations(params);
        double hours = Math.max(
                1,
                Duration.between(period.startInstant(), period.observedEnd(now)).toHours());
        String periodZh = period.labelZh();
        List<Indicator> out = new ArrayList<>();
        for (Channel c : channels) {
            String subject = c.device() + "/" + c.parameter();
            Calibrations cal = calibrations.get(subject);
            if (cal != null) {
                double allowed = cal.allowed();
                out.add(row("cems_calibrations", "校准次数", "calibrations", "次", subject)
                        .value((double) cal.count())
                        .build());
                out.add(row("cems_calibration_pass_rate", "校准合格率", "calibration pass rate", "%", subject)
                        .value(Sql.percent(cal.passed(), cal.count()))
                        .target("100", cal.passed() == cal.count())
                        .note(cal.passed() + " / " + cal.count()
                                + (cal.notJudgeable() > 0 ? "，" + cal.notJudgeable() + " 次无量程无法判定 not judgeable" : ""))
                        .sentence(Sentences.calibration(
                                periodZh, c.who(), cal.count(), cal.passed(), cal.worst(), allowed))
                        .build());
                out.add(row("cems_worst_deviation", "最大校准偏差", "worst calibration deviation", "%", subject)
                        .value(cal.worst())
                        .target("≤ " + Sentences.num(allowed, 1), cal.worst() <= allowed)
                        .build());
                out.add(row("cems_deviation_excess", "超出允许偏差", "excess over allowed deviation", "百分点", subject)
                        .value(Math.max(0, cal.worst() - allowed))
                        .target("0", cal.worst() <= allowed)
                        .build());
            }
            if (c.limit() != null) {
                // accepted marked hours are neither valid nor expected
                double capture = Sql.percent(c.validHours(), Math.max(0, hours - c.markedHours()));
                out.add(row("cems_valid_hours", "有效小时数", "valid hours", "h", subject)
                        .value((double) c.validHours())
                        .note("valid data covering ≥ the valid-hour minutes of the clock hour")
                        .build());
                out.add(row("cems_hours_above_limit", "有效小时均值超标小时数", "valid hours above limit", "h", subject)
                        .value((double) c.hoursAbove())
                        .target("0", c.hoursAbove() == 0)
                        .coverage(capture)
                        .note("limit " + Sentences.num(c.limit(), 1) + " " + c.unit())
                        .sentence(Sentences.emissionHours(periodZh, c.who(), c.hoursAbove(), c.limit(), c.unit()))
                        .build());
                out.add(row("cems_valid_hour_capture", "有效小时数据捕集率", "valid-hour capture rate", "%", subject)
                        .value(capture)
                        .target(
                                "≥ " + Sentences.num(settings.cemsCaptureTarget(), 0),
                                capture >= settings.cemsCaptureTarget())
                        .sentence(Sentences.captureRate(periodZh, c.who(), capture))
                        .build());
                if (c.highestDailyMean() != null) {
                    // at the limit's reference O2 where it has one (cems_daily_means, V24)
                    out.add(row(
                                    "cems_highest_daily_mean",
                                    "最高有效日均值（折算）",
                                    "highest valid daily mean (at reference O2)",
                                    c.unit(),
                                    subject)
                            .value(c.highestDailyMean())
                            .note(c.validDays() + " valid days")
                            .build());
                }
            }
        }
        out.addAll(comparisons(period, now));
        return out;
    }

    /**
     * The period's zero, span and standard checks per analyser, their deviation and allowed deviation as
     * {@code cems_calibration_deviation} (V26) gives them; a check without a span counts as not passed.
     */
    private Map<String, Calibrations> calibrations(
            org.springframework.jdbc.core.namedparam.MapSqlParameterSource params) {
        Map<String, Calibrations> out = new LinkedHashMap<>();
        jdbc.query(
                "WITH d AS (SELECT d.*, coalesce(d.allowed_pct, CASE d.allowed_param"
                        + "   WHEN 'allowed_pct_particulate' THEN :default_particulate"
                        + "   WHEN 'allowed_pct_flow' THEN :default_flow ELSE :default_gas END) AS allowed"
                        + " FROM cems_calibration_deviation d"
                        + " JOIN monitor m ON m.device_id = d.device_id AND m.kind = 'cems'"
                        + " WHERE d.ts >= :start AND d.ts < :end)"
                        + " SELECT d.device_id, d.parameter, count(*) AS checks,"
                        + " count(*) FILTER (WHERE d.deviation_pct <= d.allowed) AS passed,"
                        + " count(*) FILTER (WHERE d.deviation_pct IS NULL) AS not_judgeable,"
                        + " coalesce(max(d.deviation_pct), 0) AS worst, max(d.allowed) AS allowed"
                        + " FROM d GROUP BY d.device_id, d.parameter",
                withDefaults(params),
                rs -> {
                    out.put(
                            rs.getString("device_id") + "/" + rs.getString("parameter"),
                            new Calibrations(
                                    rs.getInt("checks"),
                                    rs.getInt("passed"),
                                    rs.getInt("not_judgeable"),
                                    rs.getDouble("worst"),
                                    rs.getDouble("allowed")));
                });
        return out;
    }

    /** The catalogue's allowed deviations, for a database where no rule set was ever loaded (no rule_param). */
    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource withDefaults(
            org.springframework.jdbc.core.namedparam.MapSqlParameterSource params) {
        RuleParams defaults = RuleParams.defaults(Rule.CEMS_CALIBRATION_DRIFT);
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource(params.getValues())
                .addValue("default_gas", defaults.get("allowed_pct_gas"))
                .addValue("default_particulate", defaults.get("allowed_pct_particulate"))
                .addValue("default_flow", defaults.get("allowed_pct_flow"));
    }

    /** Comparison monitoring in the quarters the period touches, as of the period's end (never after it). */
    private List<Indicator> comparisons(ReportPeriod period, Instant now) {
        List<LocalDate> quarters = period.quarters();
        LocalDate from = quarters.get(0);
        Instant asOf = period.observedEnd(now);
        List<Indicator> out = new ArrayList<>();
        jdbc.query(
                "SELECT m.device_id, m.enterprise || m.outlet AS who, count(DISTINCT date_trunc('quarter',"
                        + " c.ts AT TIME ZONE 'Asia/Shanghai')) AS done,"
                        + " count(DISTINCT date_trunc('quarter', c.ts AT TIME ZONE 'Asia/Shanghai'))"
                        + "   FILTER (WHERE c.ts >= :current) AS done_current"
                        + " FROM monitor m JOIN device d ON d.id = m.device_id"
                        + " LEFT JOIN calibration_record c ON c.device_id = m.device_id AND c.kind = 'comparison'"
                        + "   AND c.ts >= :from AND c.ts < :to"
                        + " WHERE m.kind = 'cems' AND d.active GROUP BY m.device_id, m.enterprise, m.outlet ORDER BY m.device_id",
                new org.springframework.jdbc.core.namedparam.MapSqlParameterSource("from", Sql.ts(from))
                        .addValue("to", Sql.ts(asOf))
                        .addValue(
                                "current",
                                Sql.ts(ReportPeriod.quarterStart(
                                        LocalDate.ofInstant(asOf.minusSeconds(1), ReportPeriod.ZONE)))),
                rs -> {
                    int done = rs.getInt("done");
                    long ended = quarters.stream()
                            .filter(q -> !Sql.ts(q.plusMonths(3)).toInstant().isAfter(asOf))
                            .count();
                    int due = (int) ended + (rs.getInt("done_current") > 0 && ended < quarters.size() ? 1 : 0);
                    out.add(row(
                                    "cems_comparison_quarters",
                                    "已完成比对监测季度数",
                                    "quarters with comparison monitoring",
                                    "季度",
                                    rs.getString("device_id"))
                            .value((double) done)
                            .target("≥ " + due, done >= due)
                            .note(due > done ? "overdue" : null)
                            .sentence(Sentences.comparison(period.labelZh(), rs.getString("who"), done, due))
                            .build());
                });
        return out;
    }

    private static Indicator.Builder row(String key, String zh, String en, String unit, String subject) {
        return Indicator.of(Area.CEMS, ITEM, key, zh, en, unit).subject(subject);
    }
}
