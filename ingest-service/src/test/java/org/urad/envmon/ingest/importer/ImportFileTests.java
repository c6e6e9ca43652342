package org.urad.envmon.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies that import files are read as written: encodings, BOM, quoting, row numbers, times. */
class ImportFileTests {

    private static final String TEXT = "device_id,parameter,time,value,备注\r\n"
            + "井01,gw_level,2021-03-01 08:00,1029.5,\"东区，观测井\"\r\n"
            + "\r\n"
            + "井02,gw_level,2021-03-01T08:00:00+08:00,1029.6,水位\r\n";

    @Test
    void readsGbkBytesAsExcelWritesThemOnChineseWindows() {
        byte[] gbk = TEXT.getBytes(Charset.forName("GBK"));
        assertThat(gbk).as("real GBK bytes: not valid UTF-8").isNotEqualTo(TEXT.getBytes(StandardCharsets.UTF_8));

        TextDecoding.Text text = TextDecoding.decode(gbk);

        assertThat(text.charset()).isEqualTo(TextDecoding.GB18030);
        assertThat(text.text()).isEqualTo(TEXT);
        assertThat(rows(text.text())).extracting(ImportRow::deviceId).containsExactly("井01", "井02");
    }

    @Test
    void readsUtf8WithAndWithoutByteOrderMark() {
        byte[] plain = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] bom = ("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_8);

        assertThat(TextDecoding.decode(plain).text()).isEqualTo(TEXT);
        assertThat(TextDecoding.decode(bom).text()).isEqualTo(TEXT);
        assertThat(TextDecoding.decode(bom).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void numbersRowsAsASpreadsheetShowsThemAndReadsQuotedCommas() {
        List<ImportRow> rows = rows(TEXT);

        assertThat(rows).extracting(ImportRow::row).containsExactly(2L, 4L);
        assertThat(rows.get(0).time()).isEqualTo("2021-03-01 08:00");
        assertThat(rows.get(0).unit()).isNull();
    }

    @Test
    void refusesAHeaderWithoutTheRequiredColumns() {
        assertThatThrownBy(() -> new CsvRows("device,parameter,time,value\n")).hasMessageContaining("'device_id'");
    }

    @Test
    void readsLocalTimesInShanghaiAndIsoTimesWithTheirOffset() throws Exception {
        RowParser parser = new RowParser(ZoneId.of("Asia/Shanghai"));

        assertThat(parser.time("2021-03-01 08:00")).isEqualTo(Instant.parse("2021-03-01T00:00:00Z"));
        assertThat(parser.time("2021-03-01 08:00:30")).isEqualTo(Instant.parse("2021-03-01T00:00:30Z"));
        assertThat(parser.time("2021-03-01T08:00:00+08:00")).isEqualTo(Instant.parse("2021-03-01T00:00:00Z"));
        assertThat(parser.time("2021-03-01T00:00:00Z")).isEqualTo(Instant.parse("2021-03-01T00:00:00Z"));
        assertThatThrownBy(() -> parser.time("2021-02-30 08:00")).hasMessageContaining("not a valid local time");
        assertThatThrownBy(() -> parser.time("01/03/2021")).hasMessageContaining("neither ISO-8601");
        assertThatThrownBy(() -> parser.value(
                        new ImportRow(2, "W1", "gw_level", "2021-03-01 08:00", "abc", null, null, null, null)))
                .hasMessageContaining("value 'abc' is not a number");
    }

    private static List<ImportRow> rows(String text) {
        List<ImportRow> out = new ArrayList<>();
        new CsvRows(text).forEachRemaining(out::add);
        return out;
    }
}
