package org.urad.envmon.ingest.extract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The flat indicator table shared by the CSV file and the workbook's summary sheet. */
final class Columns {

    static final List<String> ZH =
            List.of("报告条目", "领域", "指标", "指标代码", "对象", "数值", "单位", "目标", "是否达标", "数据覆盖率 (%)", "说明", "报告语句");
    static final List<String> EN = List.of(
            "Report item",
            "Area",
            "Indicator",
            "Key",
            "Subject",
            "Value",
            "Unit",
            "Target",
            "Met",
            "Data coverage (%)",
            "Note",
            "Sentence");

    /** Index of the columns that hold numbers. */
    static final int VALUE = 5;

    static final int COVERAGE = 9;

    private Columns() {}

    static List<String> headers(Lang lang) {
        return lang == Lang.EN ? EN : ZH;
    }

    /** The row's cells: String for text, Double for numbers, null for empty. */
    static List<Object> row(Indicator i, Lang lang) {
        return java.util.Arrays.asList(
                i.item(),
                i.area().label(lang),
                i.name(lang),
                i.key(),
                i.subject(),
                round(i.value()),
                i.unit(),
                i.target(),
                met(i.met(), lang),
                round(i.coverage()),
                i.note(),
                i.sentence());
    }

    static String met(Boolean met, Lang lang) {
        if (met == null) {
            return null;
        }
        if (lang == Lang.EN) {
            return met ? "met" : "not met";
        }
        return met ? "达标" : "未达标";
    }

    /** Rounds to 6 decimals so that floating-point noise does not reach the report. */
    static Double round(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return null;
        }
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * Text that a spreadsheet would read as a formula (starting {@code = + - @}, or a tab or carriage return
     * that some importers strip before one) gets a leading apostrophe.
     */
    static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }
}
