package org.urad.envmon.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Verifies that uploaded registry files are read as UTF-8, GB18030 or XLSX, and how rows are compared. */
class SeedTextTests {

    private static final String CSV = "id,name\nW0001,示例机电井,1\n";

    @Test
    void readsUtf8First() {
        SeedText text = SeedText.decode("wells.csv", CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(text.encoding()).isEqualTo("UTF-8");
        assertThat(text.text()).isEqualTo(CSV);
    }

    @Test
    void readsGbkAndGb18030WhenTheBytesAreNotUtf8() {
        for (String charset : new String[] {"GBK", "GB18030"}) {
            SeedText text = SeedText.decode("wells.csv", CSV.getBytes(Charset.forName(charset)));
            assertThat(text.encoding()).isEqualTo("GB18030");
            assertThat(text.text()).isEqualTo(CSV);
        }
    }

    @Test
    void readsTheFirstSheetOfAWorkbookAsCsv() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            XSSFSheet sheet = book.createSheet("wells");
            XSSFRow header = sheet.createRow(0);
            header.createCell(0).setCellValue("id");
            header.createCell(1).setCellValue("name");
            header.createCell(2).setCellValue("lon");
            header.createCell(3).setCellValue("control_well");
            XSSFRow row = sheet.createRow(1);
            row.createCell(0).setCellValue("W0001");
            row.createCell(1).setCellValue("示例,机电井");
            row.createCell(2).setCellValue(108.5);
            row.createCell(3).setCellValue(false);
            book.write(out);
        }
        SeedText text = SeedText.decode("wells.xlsx", out.toByteArray());
        assertThat(text.encoding()).isEqualTo("XLSX");
        assertThat(text.text()).isEqualTo("id,name,lon,control_well\nW0001,\"示例,机电井\",108.5,false\n");
    }

    @Test
    void numbersAndDurationsThatMeanTheSameAreNoChange() {
        assertThat(SeedDiff.same("22000", "22000.0")).isTrue();
        assertThat(SeedDiff.same("PT1H", "PT60M")).isTrue();
        assertThat(SeedDiff.same("108.64539", "108.646")).isFalse();
        assertThat(SeedDiff.same(null, "")).isFalse();
    }
}
