package org.urad.envmon.ingest.console;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.urad.envmon.ingest.extract.Extractor;
import org.urad.envmon.ingest.extract.ManualEntry;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.security.AuditLog;

/** Hand-entered indicators: the latest value of each with its direction and source; operators add values. */
@Controller
class IndicatorPages {

    private final Extractor extractor;
    private final AuditLog audit;
    private final Clock clock;

    IndicatorPages(Extractor extractor, AuditLog audit, Clock clock) {
        this.extractor = extractor;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/console/indicators")
    String indicators(Model model) {
        LocalDate today = LocalDate.now(clock.withZone(ReportPeriod.ZONE));
        model.addAttribute("entries", extractor.manualAsOf(today));
        model.addAttribute("today", today);
        return "console/indicators";
    }

    @PostMapping("/console/indicators")
    String add(
            @RequestParam String key,
            @RequestParam String nameZh,
            @RequestParam(required = false) String nameEn,
            @RequestParam(required = false) String item,
            @RequestParam Double value,
            @RequestParam String unit,
            @RequestParam(required = false) Double target,
            @RequestParam(defaultValue = ManualEntry.AT_LEAST) String direction,
            @RequestParam String source,
            @RequestParam LocalDate asOf,
            Authentication auth,
            RedirectAttributes redirect) {
        ManualEntry entry = new ManualEntry(
                key.strip(),
                nameZh.strip(),
                AlertFilter.blankToNull(nameEn),
                AlertFilter.blankToNull(item),
                value,
                unit.strip(),
                target,
                source.strip(),
                asOf,
                auth.getName(),
                direction);
        try {
            audit.inTransaction(() -> {
                long id = extractor.addManual(entry);
                audit.record("indicator.manual.add", "manual_indicator/" + id, null, entry);
                return id;
            });
            redirect.addFlashAttribute("notice", "indicators.saved");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/indicators";
    }
}
