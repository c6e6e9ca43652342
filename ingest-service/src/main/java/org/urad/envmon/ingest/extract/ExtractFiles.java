package org.urad.envmon.ingest.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    /** The extract as an HTTP download: its bytes, content type and file name (the API and the console both serve it). */
    public static ResponseEntity<byte[]> download(ExtractReport report, ExtractFormat format, Lang lang)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(report, format, lang, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName(report, format))
                                .build()
                                .toString())
                .body(out.toByteArray());
    }
}
