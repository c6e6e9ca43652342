package org.urad.envmon.ingest.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The indicator table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese), CRLF. */
public final class CsvExtractWriter {

    private CsvExtractWriter() {}

    public static void write(ExtractReport report, Lang lang, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        line(w, List.copyOf(Columns.headers(lang)));
        for (Indicator i : report.indicators()) {
            line(w, Columns.row(i, lang));
        }
        w.flush();
    }

    private static void line(Writer w, List<?> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                w.write(',');
            }
            Object cell = cells.get(c);
            if (cell instanceof Double d) {
                w.write(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
            } else if (cell != null) {
                w.write(quote(Columns.safe(cell.toString())));
            }
        }
        w.write("\r\n");
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
