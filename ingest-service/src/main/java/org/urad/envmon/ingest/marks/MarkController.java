package org.urad.envmon.ingest.marks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.api.CamelCase;
import org.urad.envmon.ingest.api.Cursor;
import org.urad.envmon.ingest.api.Page;
import org.urad.envmon.ingest.rules.RulesProperties;
import org.urad.envmon.ingest.rules.WindowScheduler;
import org.urad.envmon.ingest.security.AuditLog;
import org.urad.envmon.ingest.security.PlantScope;

/**
 * {@code /api/marks}: data marks made by plant staff or their contractor (operators), reviewed by the bureau
 * (administrators). Every change commits with its audit row, then re-judges the closed rule windows it
 * touches. A plant user (one bound to an enterprise) sees and marks only that enterprise's monitors.
 */
@RestController
@Tag(name = "marks", description = "数据标记 Data marks")
class MarkController {

    record Review(String decision, String reason) {}

    private final MarkStore store;
    private final AuditLog audit;
    private final WindowScheduler windows;
    private final MarksProperties settings;
    private final Clock clock;
    private final ZoneId zone;

    MarkController(
            MarkStore store,
            AuditLog audit,
            WindowScheduler windows,
            MarksProperties settings,
            Clock clock,
            RulesProperties rules) {
        this.store = store;
        this.audit = audit;
        this.windows = windows;
        this.settings = settings;
        this.clock = clock;
        this.zone = rules.zone();
    }

    @GetMapping("/api/marks")
    @Operation(summary = "数据标记 Current marks overlapping [from, to), by device and start, paged")
    ResponseEntity<?> list(
            @RequestParam(required = false) String device,
            @RequestParam Instant from,
            @RequestParam Instant to,
            @RequestParam(defaultValue = Page.DEFAULT_LIMIT_TEXT) int limit,
            @RequestParam(required = false) String cursor) {
        if (!to.isAfter(from)) {
            return problem(HttpStatus.BAD_REQUEST, "\"to\" must be after \"from\"");
        }
        MarkStore.Key after = Cursor.decode(cursor, 3)
                .map(c -> new MarkStore.Key(c.text(0), c.instant(1), c.number(2)))
                .orElse(null);
        int n = Page.limit(limit);
        List<Map<String, Object>> rows =
                store.list(device, PlantScope.enterprise().orElse(null), from, to, after, n + 1).stream()
                        .map(CamelCase::map)
                        .toList();
        return ResponseEntity.ok(
                Page.of(rows, n, m -> Cursor.of(m.get("deviceId"), m.get("startsAt"), m.get("markId"))));
    }

    @GetMapping("/api/marks/{id}")
    @Operation(summary = "单个标记及其版本 One mark with its versions and reviews")
    ResponseEntity<?> one(@PathVariable long id) {
        Optional<Map<String, Object>> mark = visible(id);
        if (mark.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "no mark " + id);
        }
        return ResponseEntity.ok(CamelCase.map(Map.of("current", mark.get(), "versions", store.history(id))));
    }

    /**
     * Unmarked abnormal periods of [from, to) (whole hours, at most {@code ingest.marks.max-task-range}), by
     * device and start, paged.
     */
    @GetMapping("/api/marks/tasks")
    @Operation(summary = "待标记时段 Unmarked abnormal periods, paged")
    ResponseEntity<?> tasks(
            @RequestParam Instant from,
            @RequestParam Instant to,
            @RequestParam(defaultValue = Page.DEFAULT_LIMIT_TEXT) int limit,
            @RequestParam(required = false) String cursor) {
        Optional<Cursor> after = Cursor.decode(cursor, 2);
        int n = Page.limit(limit);
        Instant now = clock.instant();
        Instant f = from.truncatedTo(ChronoUnit.HOURS);
        Instant t = (to.isAfter(now) ? now : to).truncatedTo(ChronoUnit.HOURS);
        if (!t.isAfter(f)) {
            return ResponseEntity.ok(new Page<MarkTasks.Task>(List.of(), null));
        }
        if (Duration.between(f, t).compareTo(settings.maxTaskRange()) > 0) {
            return problem(HttpStatus.BAD_REQUEST, "the range is longer than " + settings.maxTaskRange());
        }
        var hours = store.abnormalHours(PlantScope.enterprise().orElse(null), f, t);
        List<MarkTasks.Task> rows = MarkTasks.merge(hours, settings, now).stream()
                .filter(task -> after.isEmpty() || isAfter(task, after.get()))
                .limit(n + 1L)
                .toList();
        return ResponseEntity.ok(Page.of(rows, n, task -> Cursor.of(task.deviceId(), task.start())));
    }

    private static boolean isAfter(MarkTasks.Task task, Cursor cursor) {
        int byDevice = task.deviceId().compareTo(cursor.text(0));
        return byDevice > 0 || byDevice == 0 && task.start().isAfter(cursor.instant(1));
    }

    @PostMapping("/api/marks")
    @Operation(summary = "新建标记 Make a mark (operator)")
    ResponseEntity<?> create(@RequestBody MarkDraft draft) {
        Optional<MarkStore.Monitor> monitor = draft == null ? Optional.empty() : store.monitor(draft.deviceId());
        ResponseEntity<ProblemDetail> refused = refused(draft, monitor);
        if (refused != null) {
            return refused;
        }
        MarkStore.Made made = made(draft);
        long id = audit.inTransaction(() -> {
            long markId = store.create(draft, made);
            audit.record(
                    "mark.create", "mark/" + markId, null, store.current(markId).orElseThrow());
            return markId;
        });
        rejudge(monitor.get(), draft.start(), draft.end());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(CamelCase.map(store.current(id).orElseThrow()));
    }

    /** A correction: the mark's next version, pending review again. */
    @PostMapping("/api/marks/{id}/versions")
    @Operation(summary = "更正标记 Correct a mark: its next version (operator)")
    ResponseEntity<?> correct(@PathVariable long id, @RequestBody MarkDraft draft) {
        Optional<Map<String, Object>> before = visible(id);
        if (before.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "no mark " + id);
        }
        if (draft != null && !before.get().get("device_id").equals(draft.deviceId())) {
            return problem(HttpStatus.BAD_REQUEST, "a correction keeps the mark's monitor; make a new mark instead");
        }
        Optional<MarkStore.Monitor> monitor = draft == null ? Optional.empty() : store.monitor(draft.deviceId());
        ResponseEntity<ProblemDetail> refused = refused(draft, monitor);
        if (refused != null) {
            return refused;
        }
        MarkStore.Made made = made(draft);
        try {
            audit.inTransaction(() -> {
                store.correct(id, draft, made);
                audit.record(
                        "mark.correct",
                        "mark/" + id,
                        before.get(),
                        store.current(id).orElseThrow());
                return null;
            });
        } catch (DuplicateKeyException concurrent) {
            return problem(HttpStatus.CONFLICT, "mark " + id + " was corrected meanwhile; read it again");
        }
        rejudge(
                monitor.get(),
                instant(before.get().get("starts_at")),
                instant(before.get().get("ends_at")));
        rejudge(monitor.get(), draft.start(), draft.end());
        return ResponseEntity.ok(CamelCase.map(store.current(id).orElseThrow()));
    }

    /** The bureau's review of the mark's current version: accepted, or rejected with a reason. */
    @PostMapping("/api/marks/{id}/review")
    @Operation(summary = "审核标记 Review a mark (administrator)")
    ResponseEntity<?> review(@PathVariable long id, @RequestBody Review review) {
        if (PlantScope.enterprise().isPresent()) {
            return problem(HttpStatus.FORBIDDEN, "a plant user cannot review marks");
        }
        Optional<Map<String, Object>> before = store.current(id);
        if (before.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "no mark " + id);
        }
        if (review == null || !List.of("accepted", "rejected").contains(review.decision())) {
            return problem(HttpStatus.BAD_REQUEST, "\"decision\" is accepted or rejected");
        }
        if ("rejected".equals(review.decision())
                && (review.reason() == null || review.reason().isBlank())) {
            return problem(HttpStatus.BAD_REQUEST, "a rejection needs a \"reason\"");
        }
        Map<String, Object> mark = before.get();
        int version = ((Number) mark.get("version")).intValue();
        audit.inTransaction(() -> {
            store.review(id, version, review.decision(), review.reason(), AuditLog.actor(), clock.instant());
            audit.record("mark.review", "mark/" + id, mark, store.current(id).orElseThrow());
            return null;
        });
        store.monitor((String) mark.get("device_id"))
                .ifPresent(m -> rejudge(m, instant(mark.get("starts_at")), instant(mark.get("ends_at"))));
        return ResponseEntity.ok(CamelCase.map(store.current(id).orElseThrow()));
    }

    private ResponseEntity<ProblemDetail> refused(MarkDraft draft, Optional<MarkStore.Monitor> monitor) {
        if (draft == null || draft.deviceId() == null) {
            return problem(HttpStatus.BAD_REQUEST, "\"deviceId\" is required");
        }
        Optional<String> scope = PlantScope.enterprise();
        if (monitor.isEmpty()
                || scope.isPresent() && !scope.get().equals(monitor.get().enterprise())) {
            return problem(HttpStatus.NOT_FOUND, "no monitor " + draft.deviceId());
        }
        String problem = draft.problem(monitor.get().family());
        return problem == null ? null : problem(HttpStatus.BAD_REQUEST, problem);
    }

    /** The mark if the user may see it: a plant user sees its own enterprise's marks only. */
    private Optional<Map<String, Object>> visible(long id) {
        Optional<String> scope = PlantScope.enterprise();
        return store.current(id).filter(m -> scope.isEmpty() || scope.get().equals(m.get("enterprise")));
    }

    private MarkStore.Made made(MarkDraft draft) {
        String source = PlantScope.isBureau() ? "bureau" : "plant";
        return new MarkStore.Made(source, AuditLog.actor(), clock.instant(), settings.due(draft.start()));
    }

    private void rejudge(MarkStore.Monitor monitor, Instant from, Instant to) {
        for (Rejudge.Window w : Rejudge.windows(monitor.family(), from, to, clock.instant(), zone)) {
            windows.markDirty(w.group().group(), w.start(), w.end());
        }
    }

    private static Instant instant(Object timestamp) {
        return ((java.sql.Timestamp) timestamp).toInstant();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
