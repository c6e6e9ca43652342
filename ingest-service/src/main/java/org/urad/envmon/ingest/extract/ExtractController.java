package org.urad.envmon.ingest.extract;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Period;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.security.AuditLog;

/** {@code GET /api/extracts} (the report's indicators as a file) and {@code POST /api/indicators/manual}. */
@RestController
@Tag(name = "extracts", description = "报表数据与手工指标 Extracts and manual indicators")
class ExtractController {

    private final Extractor extractor;
    private final AuditLog audit;
    private final Period maxPeriod;

    ExtractController(Extractor extractor, AuditLog audit, ExtractProperties settings) {
        this.extractor = extractor;
        this.audit = audit;
        this.maxPeriod = settings.maxPeriod();
    }

    @GetMapping("/api/extracts")
    @Operation(summary = "报表数据下载 The report's indicators for a period, as XLSX, CSV or JSON")
    ResponseEntity<byte[]> extract(
            @RequestParam String period,
            @RequestParam(defaultValue = "xlsx") String format,
            @RequestParam(defaultValue = "zh") String lang)
            throws IOException {
        ReportPeriod p = ReportPeriod.parse(period);
        if (p.longerThan(maxPeriod)) {
            throw new IllegalArgumentException("the period %s is longer than %s, the longest an extract may cover"
                            .formatted(p.label(), describe(maxPeriod))
                    + " (ingest.extract.max-period)");
        }
        ExtractFormat f = ExtractFormat.of(format);
        ExtractReport report = extractor.extract(p);
        return ExtractFiles.download(report, f, Lang.of(lang));
    }

    @PostMapping("/api/indicators/manual")
    @Operation(summary = "录入手工指标 Enter a manual indicator (operator)")
    ResponseEntity<Map<String, Object>> addManual(@RequestBody ManualEntry entry) {
        long id = audit.inTransaction(() -> {
            long added = extractor.addManual(entry);
            audit.record("indicator.manual.add", "manual_indicator/" + added, null, entry);
            return added;
        });
        return ResponseEntity.created(URI.create("/api/indicators/manual/" + id))
                .body(Map.of("id", id, "key", entry.key()));
    }

    /** A period, format, language or manual entry the caller got wrong. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage())));
    }

    /** {@code P10Y} as "10 years", {@code P1Y6M} as "1 year 6 months". */
    static String describe(Period p) {
        StringBuilder s = new StringBuilder();
        unit(s, p.getYears(), "year");
        unit(s, p.getMonths(), "month");
        unit(s, p.getDays(), "day");
        return s.isEmpty() ? "0 days" : s.toString();
    }

    private static void unit(StringBuilder s, int n, String name) {
        if (n != 0) {
            s.append(s.isEmpty() ? "" : " ").append(n).append(' ').append(name).append(n == 1 ? "" : "s");
        }
    }
}
