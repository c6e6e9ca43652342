package org.urad.envmon.ingest.extract;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes an extract in any of its formats. */
public final class ExtractFiles {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ExtractFiles() {}

    public static void write(ExtractReport report, ExtractFormat format, Lang lang, OutputStream out)
            throws IOException {
        switch (format) {
            case XLSX -> XlsxExtractWriter.write(report, lang, out);
            case CSV -> CsvExtractWriter.write(report, lang, out);
            case JSON -> JSON.writeValue(out, report);
        }
    }

    public static String fileName(ExtractReport report, ExtractFormat format) {
        return "indicators-" + report.period().replace("..", "_") + "." + format.extension();
    }
}
