package org.urad.envmon.ingest.extract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;

/** Report-style Chinese sentences generated from the numbers. Pure: no I/O, no clock. */
public final class Sentences {

    private Sentences() {}

    public static String stableMonths(String zone, int months, YearMonth since, YearMonth asOf) {
        if (months <= 0) {
            return "截至" + month(asOf) + "，" + zone + "地下水水位未处于稳定区间（同比变幅超过0.5米或缺少当月数据）。";
        }
        return "自" + month(since) + "起，" + zone + "地下水水位已连续" + months + "个月进入稳定区间。";
    }

    public static String quarterLevel(String zone, String quarterZh, double level, Double yoyChange) {
        String s = quarterZh + "，" + zone + "地下水平均水位" + num(level, 2) + "米";
        if (yoyChange == null) {
            return s + "（无上年同期数据）。";
        }
        return s + "，同比" + change(yoyChange, 2, "米") + "。";
    }

    public static String consecutiveDecline(String zone, String quarterZh, int quarters) {
        if (quarters == 0) {
            return quarterZh + "，" + zone + "地下水平均水位环比未下降。";
        }
        return "截至" + quarterZh + "，" + zone + "地下水平均水位已连续" + quarters + "个季度环比下降。";
    }

    public static String controlWell(String well, String periodZh, double below) {
        if (below > 0) {
            return periodZh + "，控制井" + well + "平均水位低于控制水位" + num(below, 2) + "米。";
        }
        return periodZh + "，控制井" + well + "平均水位高于控制水位" + num(-below, 2) + "米，符合管控要求。";
    }

    public static String controlWellsBelow(String periodZh, int below, int total) {
        return periodZh + "，" + total + "眼控制井中有" + below + "眼平均水位低于控制水位。";
    }

    public static String volumeVsAllocation(String who, String span, double volume, Double allocation) {
        String s = span + "，" + who + "计量取水量" + num(volume, 0) + "立方米";
        if (allocation == null || allocation <= 0) {
            return s + "。";
        }
        return s + "，占年度分配水量" + num(allocation, 0) + "立方米的" + num(volume / allocation * 100, 1) + "%。";
    }

    public static String wellsOverQuota(String asOf, int over, int total) {
        return "截至" + asOf + "，" + total + "眼机井中超过年度取水定额的有" + over + "眼。";
    }

    public static String onlineRate(String periodZh, String what, int registered, int reporting) {
        return periodZh + "，已登记" + what + registered + "台，有数据报送" + reporting + "台，在线率"
                + num(percent(reporting, registered), 1) + "%。";
    }

    public static String totalUse(String span, double wells, double gates) {
        return span + "，全旗计量用水总量" + num(wells + gates, 0) + "立方米，其中机井" + num(wells, 0) + "立方米、闸门" + num(gates, 0)
                + "立方米。";
    }

    public static String automatedShare(String sectionZh, int automated, int total, double target) {
        return sectionZh + "共" + total + "处，已实现自动测流" + automated + "处，占比" + num(percent(automated, total), 1) + "%（报告数据"
                + num(target, 1) + "%）。";
    }

    public static String reportingShare(String periodZh, String sectionZh, int reporting, int automated) {
        return periodZh + "，" + sectionZh + "自动测流闸门" + automated + "处中有数据报送" + reporting + "处，报送率"
                + num(percent(reporting, automated), 1) + "%。";
    }

    public static String calibration(String periodZh, String who, int count, int passed, double worst, double allowed) {
        if (count == 0) {
            return periodZh + "，" + who + "无校准记录。";
        }
        String s = periodZh + "，" + who + "校准" + count + "次，合格" + passed + "次，合格率" + num(percent(passed, count), 1)
                + "%，最大偏差" + num(worst, 1) + "%";
        if (worst > allowed) {
            return s + "，超出最大允许偏差" + num(worst - allowed, 1) + "个百分点。";
        }
        return s + "，在最大允许偏差" + num(allowed, 1) + "%以内。";
    }

    public static String comparison(String periodZh, String who, int done, int quarters) {
        if (done >= quarters) {
            return periodZh + "，" + who + "已按季度完成比对监测。";
        }
        return periodZh + "，" + who + "应开展比对监测" + quarters + "次，完成" + done + "次，比对监测逾期。";
    }

    public static String emissionHours(String periodZh, String who, int hoursAbove, double limit, String unit) {
        return periodZh + "，" + who + "有效小时均值超过排放限值（" + num(limit, 1) + unit + "）" + hoursAbove + "小时。";
    }

    public static String captureRate(String periodZh, String who, double rate) {
        return periodZh + "，" + who + "有效小时数据捕集率" + num(rate, 1) + "%。";
    }

    /** {@code met}: the verdict in the target's direction (the rule set may write it strictly, "> 98"). */
    public static String transmission(String periodZh, String plant, double rate, double target, boolean met) {
        return periodZh + "，" + plant + "有效传输率" + num(rate, 1) + "%，" + (met ? "达到" : "未达到") + num(target, 0) + "%的目标。";
    }

    public static String dischargeDays(String periodZh, String plant, int days) {
        return periodZh + "，" + plant + "出水日均值超过排放限值" + days + "天。";
    }

    public static String calibrationGap(String periodZh, String plant, double maxGapHours, double allowedHours) {
        return periodZh + "，" + plant + "最长校准间隔" + num(maxGapHours, 0) + "小时，"
                + (maxGapHours <= allowedHours ? "未超过" : "超过") + "规定的" + num(allowedHours, 0) + "小时。";
    }

    public static String sampler(String plant, boolean installed) {
        return plant + (installed ? "已安装自动采样器。" : "尚未安装自动采样器。");
    }

    public static String manual(String name, double value, String unit, String source, LocalDate asOf) {
        return "截至" + date(asOf) + "，" + name + "为" + num(value, 4) + unit + "（来源：" + source + "）。";
    }

    public static String month(YearMonth m) {
        return m.getYear() + "年" + m.getMonthValue() + "月";
    }

    public static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** 上升0.32米 / 下降0.50米 / 持平. */
    static String change(double delta, int decimals, String unit) {
        String abs = num(Math.abs(delta), decimals);
        if (new BigDecimal(abs).signum() == 0) {
            return "持平";
        }
        return (delta > 0 ? "上升" : "下降") + abs + unit;
    }

    /** The number rounded half-up to at most {@code decimals} places, without trailing zeros after 2 places. */
    public static String num(double value, int decimals) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        if (decimals > 2) {
            d = d.stripTrailingZeros();
            if (d.scale() < 0) {
                d = d.setScale(0);
            }
        }
        return d.toPlainString();
    }

    static double percent(int part, int whole) {
        return whole == 0 ? 0 : part * 100.0 / whole;
    }
}
