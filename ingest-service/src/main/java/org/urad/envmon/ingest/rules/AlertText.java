package org.urad.envmon.ingest.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The sentences an alert carries, in Chinese and English, naming subject, value, target and report item. */
public final class AlertText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private AlertText() {}

    public static String titleZh(Verdict v) {
        return "【" + (v.severity() == Severity.BREACH ? "超标" : "预警") + "】"
                + v.rule().nameZh() + " - " + v.subject().name();
    }

    public static String titleEn(Verdict v) {
        return "[" + (v.severity() == Severity.BREACH ? "breach" : "warning") + "] "
                + v.rule().nameEn() + " - " + v.subject().name();
    }

    public static String zh(Verdict v, ZoneId zone) {
        String who = v.subject().name() + param(v);
        String period = period(v, zone);
        String body = switch (v.rule()) {
            case GW_BELOW_CONTROL_LEVEL, GW_READING_BELOW_CONTROL_LEVEL ->
                "水位 %s 米，低于控制水位 %s 米 %s 米".formatted(n(v.observed()), n(v.target()), n(v.margin()));
            case CEMS_CALIBRATION_DRIFT ->
                v.observed() == null
                        ? "无法判定校准偏差（%s），允许偏差 %s%%".formatted(v.evidence().get("not_judgeable_reason"), n(v.target()))
                        : "校准偏差 %s%%，允许偏差 %s%%，超出允许偏差 %s 个百分点".formatted(n(v.observed()), n(v.target()), n(v.margin()));
            case GW_YOY_DECLINE -> "季度平均水位同比下降 %s 米，超过 %s 米".formatted(n(v.observed()), n(v.target()));
            case GW_CONSECUTIVE_DECLINE -> "水位连续 %s 个季度下降（阈值 %s 个季度）".formatted(n(v.observed()), n(v.target()));
            case MONITOR_OVER_RANGE ->
                "数值 %s%s 超出测量上限（量程 %s%s，数据标记T），实际浓度可能更高，该数据不计入均值"
                        .formatted(n(v.observed()), v.unit(), n(v.target()), v.unit());
            default ->
                "观测值 %s%s，目标 %s%s，差值 %s%s"
                        .formatted(n(v.observed()), v.unit(), n(v.target()), v.unit(), n(v.margin()), v.unit());
        };
        String item = "—".equals(v.rule().reportItem())
                ? ""
                : "，对应整改报告第%s项".formatted(v.rule().reportItem());
        return "%s：%s（%s）%s。".formatted(who, body, period, item);
    }

    public static String en(Verdict v, ZoneId zone) {
        String who = v.subject().name() + param(v);
        String period = period(v, zone);
        String body = switch (v.rule()) {
            case GW_BELOW_CONTROL_LEVEL, GW_READING_BELOW_CONTROL_LEVEL ->
                "level %s m, %s m below the control level of %s m"
                        .formatted(n(v.observed()), n(v.margin()), n(v.target()));
            case CEMS_CALIBRATION_DRIFT ->
                v.observed() == null
                        ? "calibration deviation not judgeable (%s), allowed %s %%"
                                .formatted(v.evidence().get("not_judgeable_reason"), n(v.target()))
                        : "calibration deviation %s %%, allowed %s %%: %s percentage points over the allowed deviation"
                                .formatted(n(v.observed()), n(v.target()), n(v.margin()));
            case MONITOR_OVER_RANGE ->
                "value %s %s above the measuring range (full scale %s %s, flag T): the true value may be higher;"
                                .formatted(n(v.observed()), v.unit(), n(v.target()), v.unit())
                        + " left out of the means";
            default ->
                "observed %s %s, target %s %s, margin %s %s"
                        .formatted(n(v.observed()), v.unit(), n(v.target()), v.unit(), n(v.margin()), v.unit());
        };
        String item = "—".equals(v.rule().reportItem())
                ? ""
                : "; report item " + v.rule().reportItem();
        return "%s: %s (%s)%s.".formatted(who, body, period, item);
    }

    private static String param(Verdict v) {
        return v.subject().parameter().isEmpty() ? "" : " " + v.subject().parameter();
    }

    static String period(Verdict v, ZoneId zone) {
        Instant start = v.periodStart();
        Instant end = v.periodEnd();
        if (start == null && end == null) {
            return "";
        }
        if (start == null || start.equals(end)) {
            return MINUTE.format((start == null ? end : start).atZone(zone));
        }
        if (start.atZone(zone).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                && end.atZone(zone).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return DAY.format(start.atZone(zone)) + " – "
                    + DAY.format(end.minusSeconds(1).atZone(zone));
        }
        return MINUTE.format(start.atZone(zone)) + " – " + MINUTE.format(end.atZone(zone));
    }

    /** A number as people write it: at most two decimals, no trailing zeros (47.5, 5.16). */
    static String n(Double value) {
        if (value == null) {
            return "—";
        }
        return BigDecimal.valueOf(value)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
