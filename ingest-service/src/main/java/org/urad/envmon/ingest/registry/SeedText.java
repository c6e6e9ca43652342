package org.urad.envmon.ingest.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * An uploaded registry file as seed CSV text: a CSV file in UTF-8 (tried first, strictly) or GBK/GB18030
 * (what spreadsheet programs on Chinese Windows write), or the first sheet of an XLSX workbook.
 *
 * @param encoding {@code UTF-8}, {@code GB18030} or {@code XLSX}
 */
public record SeedText(String text, String encoding) {

    static final Charset GB18030 = Charset.forName("GB18030");

    /** @throws IllegalArgumentException when an XLSX file cannot be read */
    static SeedText decode(String fileName, byte[] bytes) {
        boolean zip = bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K';
        if (zip || (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx"))) {
            return new SeedText(xlsx(bytes), "XLSX");
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new SeedText(text, "UTF-8");
        } catch (CharacterCodingException e) {
            return new SeedText(new String(bytes, GB18030), "GB18030");
        }
    }

    /** The first sheet, one CSV line per row; empty rows are kept so that line numbers match the sheet's. */
    static String xlsx(byte[] bytes) {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter(Locale.ROOT);
            StringBuilder out = new StringBuilder();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        if (c > 0) {
                            out.append(',');
                        }
                        out.append(SeedCsvWriter.field(cell(row.getCell(c), format)));
                    }
                }
                out.append('\n');
            }
            return out.toString();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable XLSX workbook: " + e.getMessage(), e);
        }
    }

    private static String cell(Cell cell, DataFormatter format) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case NUMERIC ->
                java.math.BigDecimal.valueOf(cell.getNumericCellValue())
                        .stripTrailingZeros()
                        .toPlainString();
            case STRING -> cell.getStringCellValue().replace('\n', ' ').replace('\r', ' ');
            default -> format.formatCellValue(cell);
        };
    }
}
