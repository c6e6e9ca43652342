package org.urad.envmon.ingest.importer;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The rows of the first sheet of an XLSX workbook. Date cells are read as local times
 * ({@code YYYY-MM-DD HH:MM:SS}, taken in Asia/Shanghai like any local time), numbers as written.
 */
final class XlsxRows {

    private XlsxRows() {}

    static List<ImportRow> read(InputStream in) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter text = new DataFormatter();
            Columns columns = null;
            List<ImportRow> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>(8);
                for (int i = 0; i < Math.max(0, row.getLastCellNum()); i++) {
                    cells.add(cell(row.getCell(i), text));
                }
                if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                    continue;
                }
                if (columns == null) {
                    columns = Columns.of(cells);
                } else {
                    rows.add(columns.row(row.getRowNum() + 1L, cells));
                }
            }
            if (columns == null) {
                throw new IllegalArgumentException("the workbook's first sheet is empty");
            }
            return rows;
        }
    }

    private static String cell(Cell cell, DataFormatter text) {
        if (cell == null) {
            return null;
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            LocalDateTime t = cell.getLocalDateTimeCellValue();
            return t.toLocalDate() + " " + t.toLocalTime().withNano(0);
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            return Double.toString(cell.getNumericCellValue());
        }
        return text.formatCellValue(cell);
    }
}
