package org.urad.envmon.ingest.rules;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rule catalogue: every rule, the rectification-report item it serves, its names and its
 * parameters with their defaults. Values are overridden per rule, device, zone or plant in the rule
 * set ({@link RuleSet}) without a code change.
 */
public enum Rule {
    GW_BELOW_CONTROL_LEVEL(
            "(八)",
            "控制井季度平均水位低于控制水位",
            "control well's quarterly mean below its control level",
            Map.of("tolerance_m", 0.0, "clear_m", 0.1)),
    GW_READING_BELOW_CONTROL_LEVEL(
            "(八)",
            "控制井水位低于控制水位",
            "control well reading below its control level",
            Map.of("tolerance_m", 0.0, "clear_m", 0.1)),
    GW_YOY_DECLINE("(八)", "地下水位同比下降", "groundwater level falling year on year", Map.of("decline_m", 0.5)),
    GW_CONSECUTIVE_DECLINE(
            "(八)", "地下水位连续下降", "groundwater level falling quarter after quarter", Map.of("quarters", 4.0)),
    WELL_QUOTA(
            "(八).2",
            "取水量超定额",
            "abstraction over the annual allocation",
            Map.of("warn_share", 0.9, "breach_share", 1.0)),
    METER_ANOMALY("—", "计量设施异常", "meter anomaly", Map.of("max_flow_m3h", 500.0, "backward_tolerance_m3", 0.5)),
    // allowed drift, HJ 75-2017 Table 4: gas ±2.5 %F.S., particulate ±2.0, flow-velocity CMS zero ±3.0 (V32)
    CEMS_CALIBRATION_DRIFT(
            "30",
            "CEMS校准偏差超标",
            "CEMS calibration deviation over the allowed",
            Map.of("allowed_pct_gas", 2.5, "allowed_pct_particulate", 2.0, "allowed_pct_flow", 3.0)),
    CEMS_CALIBRATION_OVERDUE(
            "30", "CEMS校准超期", "CEMS calibration overdue", Map.of("interval_days", 7.0, "clear_share", 0.5)),
    CEMS_COMPARISON_OVERDUE(
            "30",
            "CEMS比对监测超期",
            "CEMS comparison monitoring overdue",
            Map.of("interval_days", 92.0, "clear_share", 0.5)),
    CEMS_EMISSION_LIMIT("—", "烟气排放小时均值超标", "hourly emission mean over the limit", Map.of("clear_share", 0.95)),
    MONITOR_OVER_RANGE("—", "监测数据超量程（T）", "value above the measuring range (flag T)", Map.of()),
    WQ_DISCHARGE_LIMIT(
            "—", "污水排放日均值超标", "daily discharge mean over the limit", Map.of("cold_temp_c", 12.0, "clear_share", 0.95)),
    WQ_CALIBRATION_OVERDUE(
            "31",
            "水质在线监测校准超期",
            "water-quality calibration overdue",
            Map.of("interval_hours", 168.0, "clear_share", 0.5)),
    WQ_FAULT_FREQUENCY(
            "31",
            "水质在线监测设备故障频繁",
            "frequent water-quality monitor faults",
            Map.of("warn_share", 0.05, "max_share", 0.1)),
    WQ_TRANSMISSION_RATE("31", "有效传输率未达标", "effective transmission rate below target", Map.of("target_pct", 98.0)),
    DEVICE_SILENT("—", "设备无数据", "device silent", Map.of("intervals", 3.0, "clear_share", 0.5));

    private final String reportItem;
    private final String nameZh;
    private final String nameEn;
    private final Map<String, Double> defaults;

    Rule(String reportItem, String nameZh, String nameEn, Map<String, Double> own) {
        this.reportItem = reportItem;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        Map<String, Double> all = new HashMap<>(Map.of("resolve_after", 2.0));
        all.putAll(own);
        this.defaults = Map.copyOf(all);
    }

    /**
     * The parameters that are targets, with the direction the rule judges them in; the rule set may write them
     * with a direction of the same sense ({@code "target_pct": "> 98"}), see {@link TargetDirection}.
     */
    public Map<String, TargetDirection> targets() {
        return this == WQ_TRANSMISSION_RATE ? Map.of("target_pct", TargetDirection.GE) : Map.of();
    }

    public String reportItem() {
        return reportItem;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Default parameter values, including resolve_after (good evaluations in a row before auto-resolve). */
    public Map<String, Double> defaults() {
        return defaults;
    }

    /**
     * Whether the rule judges calendar periods (a quarter, a year to date): its alert is resolved only by
     * the verdict of a later period, never by a re-judgement of the same period or by a point check.
     */
    public boolean periodVerdict() {
        return switch (this) {
            case GW_BELOW_CONTROL_LEVEL, GW_YOY_DECLINE, GW_CONSECUTIVE_DECLINE, WELL_QUOTA -> true;
            default -> false;
        };
    }

    public static Optional<Rule> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.name().equals(id)).findFirst();
    }
}
