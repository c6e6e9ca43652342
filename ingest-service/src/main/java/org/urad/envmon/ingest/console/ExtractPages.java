package org.urad.envmon.ingest.console;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.stream.IntStream;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.urad.envmon.ingest.extract.ExtractFiles;
import org.urad.envmon.ingest.extract.ExtractFormat;
import org.urad.envmon.ingest.extract.ExtractReport;
import org.urad.envmon.ingest.extract.Extractor;
import org.urad.envmon.ingest.extract.Lang;
import org.urad.envmon.ingest.extract.ReportPeriod;

/** The report's extract for a year, a quarter or a month, in every format and both languages. */
@Controller
class ExtractPages {

    private final Extractor extractor;
    private final Clock clock;

    ExtractPages(Extractor extractor, Clock clock) {
        this.extractor = extractor;
        this.clock = clock;
    }

    @GetMapping("/console/extracts")
    String picker(Model model) {
        LocalDate today = LocalDate.now(clock.withZone(ReportPeriod.ZONE));
        model.addAttribute(
                "years",
                IntStream.rangeClosed(today.getYear() - 5, today.getYear())
                        .boxed()
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList());
        model.addAttribute("year", today.getYear());
        model.addAttribute("quarter", (today.getMonthValue() - 1) / 3 + 1);
        model.addAttribute("month", today.getMonthValue());
        return "console/extracts";
    }

    @GetMapping("/console/extracts/download")
    ResponseEntity<byte[]> download(
            @RequestParam(defaultValue = "quarter") String kind,
            @RequestParam int year,
            @RequestParam(defaultValue = "1") int quarter,
            @RequestParam(defaultValue = "1") int month,
            @RequestParam(defaultValue = "xlsx") String format,
            @RequestParam(defaultValue = "zh") String lang)
            throws IOException {
        ReportPeriod period = ReportPeriod.parse(period(kind, year, quarter, month));
        ExtractFormat f = ExtractFormat.of(format);
        ExtractReport report = extractor.extract(period);
        return ExtractFiles.download(report, f, Lang.of(lang));
    }

    /** The period text {@link ReportPeriod#parse} reads: {@code 2025}, {@code 2025-Q3} or {@code 2025-07}. */
    static String period(String kind, int year, int quarter, int month) {
        return switch (kind) {
            case "year" -> "%04d".formatted(year);
            case "month" -> "%04d-%02d".formatted(year, month);
            default -> "%04d-Q%d".formatted(year, quarter);
        };
    }
}
