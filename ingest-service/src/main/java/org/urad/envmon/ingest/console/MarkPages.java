package org.urad.envmon.ingest.console;

import jakarta.servlet.http.HttpServletResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.marks.MarkDraft;
import org.urad.envmon.ingest.marks.MarkKind;
import org.urad.envmon.ingest.marks.MarkTasks;
import org.urad.envmon.ingest.marks.Marks;
import org.urad.envmon.ingest.security.PlantScope;

/**
 * Data marks: the marks overlapping a range of days (the last 31 by default), the unmarked abnormal periods
 * ("to be marked") with a button that fills the form, a form to make or correct a mark (operators; a plant
 * user for its own monitors only) and the bureau's review. The checks, the audit and the re-judging are
 * {@link Marks}'s, the same as the API's.
 */
@Controller
class MarkPages {

    static final int SHOWN = 200;
    static final int DEFAULT_DAYS = 31;

    /** A mark's current version, or one of its versions (then {@code status} is null and reviews are listed). */
    record MarkRow(
            long id,
            int version,
            String deviceId,
            String parameter,
            Instant start,
            Instant end,
            String kind,
            String reason,
            String note,
            String attachment,
            String source,
            String author,
            Instant madeAt,
            Instant dueAt,
            boolean late,
            String status,
            String reviewReason,
            String reviewer,
            List<Review> reviews) {

        static MarkRow of(Map<String, Object> m) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> reviews = (List<Map<String, Object>>) m.getOrDefault("reviews", List.of());
            return new MarkRow(
                    ((Number) m.get("mark_id")).longValue(),
                    ((Number) m.get("version")).intValue(),
                    (String) m.get("device_id"),
                    (String) m.get("parameter"),
                    instant(m.get("starts_at")),
                    instant(m.get("ends_at")),
                    (String) m.get("kind"),
                    (String) m.get("reason"),
                    (String) m.get("evidence_note"),
                    (String) m.get("evidence_ref"),
                    (String) m.get("source"),
                    (String) m.get("author"),
                    instant(m.get("made_at")),
                    instant(m.get("due_at")),
                    Boolean.TRUE.equals(m.get("late")),
                    (String) m.get("status"),
                    (String) m.get("review_reason"),
                    (String) m.get("reviewer"),
                    reviews.stream().map(Review::of).toList());
        }

        /** The kind's Chinese name, or its English words. */
        public String kindName(boolean english) {
            return MarkKind.fromCode(kind)
                    .map(k -> english ? k.code().replace('_', ' ') : k.zh())
                    .orElse(kind);
        }
    }

    record Review(String decision, String reason, String reviewer, Instant at) {
        static Review of(Map<String, Object> r) {
            return new Review(
                    (String) r.get("decision"),
                    (String) r.get("reason"),
                    (String) r.get("reviewer"),
                    instant(r.get("reviewed_at")));
        }
    }

    /** What the form shows: empty, a task's period, or the mark being corrected. */
    record Form(
            Long markId,
            String deviceId,
            String parameter,
            LocalDateTime start,
            LocalDateTime end,
            String kind,
            String reason,
            String note,
            String attachment) {

        static final Form EMPTY = new Form(null, null, null, null, null, null, null, null, null);
    }

    private final Marks marks;

    MarkPages(Marks marks) {
        this.marks = marks;
    }

    @GetMapping("/console/marks")
    String marks(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String device,
            @RequestParam(required = false) Long correct,
            @RequestParam(required = false) String markDevice,
            @RequestParam(required = false) Instant markStart,
            @RequestParam(required = false) Instant markEnd,
            Model model,
            HttpServletResponse response) {
        LocalDate last = to != null ? to : LocalDate.now(ReportPeriod.ZONE);
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1L);
        if (last.isBefore(first)) {
            return problem(model, response, HttpStatus.BAD_REQUEST, "结束日期早于开始日期 / the end is before the start");
        }
        String d = AlertFilter.blankToNull(device);
        Instant f = first.atStartOfDay(ReportPeriod.ZONE).toInstant();
        Instant t = last.plusDays(1).atStartOfDay(ReportPeriod.ZONE).toInstant();
        List<MarkRow> rows =
                marks.list(d, f, t, SHOWN).stream().map(MarkRow::of).toList();
        List<MarkTasks.Task> tasks;
        try {
            tasks = marks.tasks(f, t).stream()
                    .filter(task -> d == null || d.equals(task.deviceId()))
                    .toList();
        } catch (Marks.Refused tooLong) {
            tasks = List.of();
            model.addAttribute("tasksTooLong", marks.maxTaskRange().toDays());
        }
        model.addAttribute("rows", rows);
        model.addAttribute("shown", SHOWN);
        model.addAttribute("tasks", tasks);
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("device", d);
        model.addAttribute("kinds", MarkKind.values());
        model.addAttribute("reviewer", Marks.mayReview());
        model.addAttribute("plant", PlantScope.enterprise().orElse(null));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form(correct, markDevice, markStart, markEnd));
        }
        return "console/marks";
    }

    @GetMapping("/console/marks/{id}")
    String versions(@PathVariable long id, Model model, HttpServletResponse response) {
        Optional<Map<String, Object>> current = marks.visible(id);
        if (current.isEmpty()) {
            return problem(model, response, HttpStatus.NOT_FOUND, "没有标记 / no mark " + id);
        }
        model.addAttribute("mark", MarkRow.of(current.get()));
        model.addAttribute(
                "versions", marks.history(id).stream().map(MarkRow::of).toList());
        return "console/mark";
    }

    /** Makes a mark, or with {@code markId} corrects it (operators; the security chain says so too). */
    @PostMapping("/console/marks")
    String save(
            @RequestParam(required = false) Long markId,
            @RequestParam(required = false) String deviceId,
            @RequestParam(required = false) String parameter,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime start,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime end,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) String attachment,
            RedirectAttributes redirect) {
        Form form = new Form(
                markId,
                AlertFilter.blankToNull(deviceId),
                AlertFilter.blankToNull(parameter),
                start,
                end,
                kind,
                reason,
                AlertFilter.blankToNull(note),
                AlertFilter.blankToNull(attachment));
        MarkDraft draft = new MarkDraft(
                form.deviceId(),
                form.parameter(),
                zoned(start),
                zoned(end),
                kind,
                reason,
                form.note(),
                form.attachment());
        try {
            Map<String, Object> saved = markId == null ? marks.create(draft) : marks.correct(markId, draft);
            redirect.addFlashAttribute("saved", MarkRow.of(saved));
        } catch (Marks.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            redirect.addFlashAttribute("form", form);
        }
        return back(form.deviceId());
    }

    /** The bureau's review: accept, or reject with a reason (administrators not bound to a plant). */
    @PostMapping("/console/marks/{id}/review")
    String review(
            @PathVariable long id,
            @RequestParam String decision,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String device,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("reviewed", MarkRow.of(marks.review(id, decision, reason)));
        } catch (Marks.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return back(AlertFilter.blankToNull(device));
    }

    private Form form(Long correct, String device, Instant start, Instant end) {
        if (correct != null) {
            return marks.visible(correct)
                    .map(MarkRow::of)
                    .map(m -> new Form(
                            m.id(),
                            m.deviceId(),
                            m.parameter(),
                            local(m.start()),
                            local(m.end()),
                            m.kind(),
                            m.reason(),
                            m.note(),
                            m.attachment()))
                    .orElse(Form.EMPTY);
        }
        if (device != null) {
            return new Form(null, device, null, local(start), local(end), null, null, null, null);
        }
        return Form.EMPTY;
    }

    private static String problem(Model model, HttpServletResponse response, HttpStatus status, String problem) {
        response.setStatus(status.value());
        model.addAttribute("problem", problem);
        return "console/problem";
    }

    private static String back(String device) {
        return "redirect:"
                + UriComponentsBuilder.fromPath("/console/marks")
                        .queryParamIfPresent("device", Optional.ofNullable(device))
                        .encode()
                        .build()
                        .toUriString();
    }

    private static LocalDateTime local(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ReportPeriod.ZONE);
    }

    private static Instant zoned(LocalDateTime t) {
        return t == null ? null : t.atZone(ReportPeriod.ZONE).toInstant();
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
    }
}
