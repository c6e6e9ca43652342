package org.urad.envmon.ingest.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The extract as a workbook: a summary sheet (every indicator, one per row, with its sentence) and one
 * sheet per area with subjects as rows and indicators as columns, units in the headers, and a last sheet of
 * the period's data marks. Numbers are numeric cells; values that miss their target are red.
 */
public final class XlsxExtractWriter {

    private XlsxExtractWriter() {}

    public static void write(ExtractReport report, Lang lang, OutputStream out) throws IOException {
        try (Workbook wb = new XSSFWorkbook()) {
            Styles styles = new Styles(wb);
            summary(wb.createSheet(lang == Lang.EN ? "Summary" : "汇总"), report, lang, styles);
            for (Area area : Area.values()) {
                List<Indicator> indicators = report.in(area);
                if (!indicators.isEmpty()) {
                    pivot(wb.createSheet(area.label(lang)), indicators, lang, styles);
                }
            }
            marks(wb.createSheet(lang == Lang.EN ? "Data marks" : "数据标记"), report.marks(), lang, styles);
            wb.write(out);
        }
    }

    private static void summary(Sheet sheet, ExtractReport report, Lang lang, Styles styles) {
        header(sheet, Columns.headers(lang), styles);
        int r = 1;
        for (Indicator i : report.indicators()) {
            Row row = sheet.createRow(r++);
            List<Object> cells = Columns.row(i, lang);
            for (int c = 0; c < cells.size(); c++) {
                cell(row, c, cells.get(c), c == Columns.VALUE && Boolean.FALSE.equals(i.met()) ? styles.missed : null);
            }
        }
        for (int c = 0; c < Columns.ZH.size() - 1; c++) {
            sheet.setColumnWidth(c, c == 2 || c == 10 ? 30 * 256 : 16 * 256);
        }
        sheet.setColumnWidth(Columns.ZH.size() - 1, 80 * 256);
        sheet.createFreezePane(0, 1);
    }

    private static void pivot(Sheet sheet, List<Indicator> indicators, Lang lang, Styles styles) {
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, Map<String, Indicator>> rows = new LinkedHashMap<>();
        for (Indicator i : indicators) {
            columns.putIfAbsent(
                    i.key(), i.name(lang) + (i.unit() == null || i.unit().isEmpty() ? "" : " (" + i.unit() + ")"));
            rows.computeIfAbsent(i.subject(), k -> new LinkedHashMap<>()).put(i.key(), i);
        }
        List<String> keys = List.copyOf(columns.keySet());
        List<String> headers = new java.util.ArrayList<>();
        headers.add(lang == Lang.EN ? "Subject" : "对象");
        headers.addAll(columns.values());
        header(sheet, headers, styles);
        int r = 1;
        for (var entry : rows.entrySet()) {
            Row row = sheet.createRow(r++);
            cell(row, 0, entry.getKey(), null);
            for (int c = 0; c < keys.size(); c++) {
                Indicator i = entry.getValue().get(keys.get(c));
                if (i != null) {
                    cell(row, c + 1, Columns.round(i.value()), Boolean.FALSE.equals(i.met()) ? styles.missed : null);
                }
            }
        }
        sheet.setColumnWidth(0, 24 * 256);
        for (int c = 1; c <= keys.size(); c++) {
            sheet.setColumnWidth(c, 20 * 256);
        }
        sheet.createFreezePane(1, 1);
    }

    private static final List<String> MARK_ZH = List.of(
            "标记编号", "版本", "监测点", "设备编号", "监测因子", "开始时间", "结束时间", "期内小时数", "标记类型", "原因", "证据", "标记方", "标记人", "标记时间",
            "是否逾期", "审核状态", "审核人", "审核意见");
    private static final List<String> MARK_EN = List.of(
            "Mark",
            "Version",
            "Monitor",
            "Device",
            "Parameter",
            "Starts",
            "Ends",
            "Hours in period",
            "Kind",
            "Reason",
            "Evidence",
            "Made by side",
            "Author",
            "Made at",
            "Late",
            "Review",
            "Reviewer",
            "Review comment");
    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ReportPeriod.ZONE);

    private static void marks(Sheet sheet, List<MarkLine> marks, Lang lang, Styles styles) {
        boolean en = lang == Lang.EN;
        header(sheet, en ? MARK_EN : MARK_ZH, styles);
        int r = 1;
        for (MarkLine m : marks) {
            Row row = sheet.createRow(r++);
            List<Object> cells = java.util.Arrays.asList(
                    (double) m.markId(),
                    (double) m.version(),
                    m.monitor(),
                    m.deviceId(),
                    m.parameter() == null ? (en ? "all" : "全部") : m.parameter(),
                    LOCAL.format(m.startsAt()),
                    LOCAL.format(m.endsAt()),
                    m.hoursInPeriod(),
                    en ? m.kind() : m.kindZh(),
                    m.reason(),
                    m.evidence(),
                    en ? m.source() : ("bureau".equals(m.source()) ? "生态环境部门" : "排污单位/运维方"),
                    m.author(),
                    LOCAL.format(m.madeAt()),
                    en ? (m.late() ? "late" : "in time") : (m.late() ? "逾期" : "按时"),
                    en ? m.status() : statusZh(m.status()),
                    m.reviewer(),
                    m.reviewReason());
            for (int c = 0; c < cells.size(); c++) {
                cell(row, c, cells.get(c), c == 14 && m.late() ? styles.missed : null);
            }
        }
        for (int c = 0; c < MARK_ZH.size(); c++) {
            sheet.setColumnWidth(c, c == 2 || c == 9 || c == 10 ? 30 * 256 : 14 * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    private static String statusZh(String status) {
        return switch (status) {
            case "accepted" -> "已认可";
            case "rejected" -> "已驳回";
            default -> "待审核";
        };
    }

    private static void header(Sheet sheet, List<String> headers, Styles styles) {
        Row row = sheet.createRow(0);
        for (int c = 0; c < headers.size(); c++) {
            cell(row, c, headers.get(c), styles.header);
        }
    }

    private static void cell(Row row, int column, Object value, CellStyle style) {
        if (value == null) {
            return;
        }
        var cell = row.createCell(column);
        if (value instanceof Double d) {
            cell.setCellValue(d);
        } else {
            cell.setCellValue(Columns.safe(value.toString()));
        }
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle missed;

        Styles(Workbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            Font red = wb.createFont();
            red.setColor(IndexedColors.RED.getIndex());
            missed = wb.createCellStyle();
            missed.setFont(red);
        }
    }
}
