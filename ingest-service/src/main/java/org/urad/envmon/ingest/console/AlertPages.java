package org.urad.envmon.ingest.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.RegistryData;
import org.urad.envmon.ingest.registry.RegistryService;
import org.urad.envmon.ingest.rules.AlertActions;
import org.urad.envmon.ingest.rules.Rule;
import tools.jackson.databind.json.JsonMapper;

/** The alert list with its filters, one alert with its evidence and readings, and what an operator does to it. */
@Controller
class AlertPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_COMMENT = 500;

    private final AlertQueries alerts;
    private final AlertActions actions;
    private final RegistryService registry;
    private final Clock clock;

    AlertPages(AlertQueries alerts, AlertActions actions, RegistryService registry, Clock clock) {
        this.alerts = alerts;
        this.actions = actions;
        this.registry = registry;
        this.clock = clock;
    }

    @GetMapping("/console/alerts")
    String list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String item,
            @RequestParam(required = false) String township,
            @RequestParam(required = false) String village,
            @RequestParam(required = false) String device,
            Model model) {
        AlertFilter filter = new AlertFilter(state, rule, item, township, village, device);
        RegistryData data = registry.data();
        model.addAttribute("filter", filter);
        model.addAttribute("alerts", alerts.list(filter, 500));
        model.addAttribute("counts", alerts.counts());
        model.addAttribute("rules", Arrays.asList(Rule.values()));
        model.addAttribute("items", alerts.reportItems());
        model.addAttribute("townships", alerts.townships());
        model.addAttribute("villages", data.villages());
        model.addAttribute("devices", data.devices());
        return "console/alerts";
    }

    @GetMapping("/console/alerts/{id}")
    String alert(@PathVariable long id, Model model) {
        AlertRow alert = alerts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("alert", alert);
        model.addAttribute("rule", Rule.fromId(alert.ruleId()).orElse(null));
        model.addAttribute("evidence", evidence(alert.evidence()));
        model.addAttribute("events", alerts.events(id));
        chart(alert).ifPresent(c -> {
            model.addAttribute("chart", c.chart());
            model.addAttribute("chartParameter", c.parameter());
        });
        return "console/alert";
    }

    @PostMapping("/console/alerts/{id}/ack")
    String acknowledge(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String comment,
            Authentication auth,
            RedirectAttributes redirect) {
        AlertActions.Result result = actions.acknowledge(id, auth.getName(), comment(comment));
        redirect.addFlashAttribute("notice", "alert.done.ack." + result.name().toLowerCase(Locale.ROOT));
        return "redirect:/console/alerts/" + id;
    }

    @PostMapping("/console/alerts/{id}/resolve")
    String resolve(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String comment,
            Authentication auth,
            RedirectAttributes redirect) {
        AlertActions.Result result = actions.resolve(id, auth.getName(), comment(comment));
        redirect.addFlashAttribute(
                "notice", "alert.done.resolve." + result.name().toLowerCase(Locale.ROOT));
        return "redirect:/console/alerts/" + id;
    }

    private static String comment(String text) {
        String t = text.strip();
        return t.length() > MAX_COMMENT ? t.substring(0, MAX_COMMENT) : t;
    }

    /** The evidence object as sorted key → text pairs. */
    static Map<String, String> evidence(String json) {
        Map<String, String> out = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        Map<?, ?> map = JSON.readValue(json, Map.class);
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    record Chart(ReadingChart chart, ParameterSpec parameter) {}

    /** The readings behind an alert about one device: the alert's parameter, or its family's main one. */
    private Optional<Chart> chart(AlertRow alert) {
        if (!List.of("device", "well").contains(alert.subjectKind())) {
            return Optional.empty();
        }
        RegistryData data = registry.data();
        Optional<Device> device = data.devices().stream()
                .filter(d -> d.id().equals(alert.subjectId()))
                .findFirst();
        if (device.isEmpty()) {
            return Optional.empty();
        }
        Family family = device.get().family();
        Optional<ParameterSpec> spec = parameter(data, family, alert.parameter())
                .or(() -> parameter(data, family, defaultParameter(family, alert.ruleId())));
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant start = alert.periodStart() != null ? alert.periodStart() : alert.lastSeenAt();
        Instant end = alert.periodEnd() != null ? alert.periodEnd() : alert.lastSeenAt();
        Instant from = start;
        Instant to = end;
        if (Duration.between(start, end).compareTo(Duration.ofHours(6)) < 0) {
            from = start.minus(Duration.ofHours(12));
            to = end.plus(Duration.ofHours(6));
        }
        if (to.isAfter(now)) {
            to = now;
        }
        if (!from.isBefore(to)) {
            from = to.minus(Duration.ofHours(1));
        }
        List<ReadingChart.Point> points =
                alerts.readings(family, alert.subjectId(), spec.get().code(), from, to);
        Double target = spec.get().unit().equals(alert.unit()) ? alert.target() : null;
        return Optional.of(
                new Chart(ReadingChart.of(points, from, to, target, start, end, ReportPeriod.ZONE), spec.get()));
    }

    private static Optional<ParameterSpec> parameter(RegistryData data, Family family, String code) {
        return data.parameters().stream()
                .filter(p -> p.family() == family && p.code().equals(code))
                .findFirst();
    }

    private static String defaultParameter(Family family, String ruleId) {
        return switch (family) {
            case WELL -> ruleId.startsWith("GW_") ? "gw_level" : "volume_total";
            case GATE -> "flow";
            default -> "";
        };
    }
}
