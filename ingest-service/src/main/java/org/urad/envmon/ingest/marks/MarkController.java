package org.urad.envmon.ingest.marks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
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

/**
 * {@code /api/marks}: data marks made by plant staff or their contractor (operators), reviewed by the bureau
 * (administrators). The checks, the audit and the re-judging are {@link Marks}'s, shared with the console; a
 * plant user (one bound to an enterprise) sees and marks only that enterprise's monitors.
 */
@RestController
@Tag(name = "marks", description = "数据标记 Data marks")
class MarkController {

    record Review(String decision, String reason) {}

    private final Marks marks;

    @Autowired
    MarkController(Marks marks) {
        this.marks = marks;
    }

    MarkController(
            MarkStore store,
            AuditLog audit,
            WindowScheduler windows,
            MarksProperties settings,
            Clock clock,
            RulesProperties rules) {
        this(new Marks(store, audit, windows, settings, clock, rules));
    }

    @GetMapping("/api/marks")
    @Operation(summary = "数据标记 Current marks overlapping [from, to), by device and start, paged")
    ResponseEntity<?> list(
            @RequestParam(required = false) String device,
            @RequestParam Instant from,
            @RequestParam Instant to,
            @RequestParam(defaultValue = Page.DEFAULT_LIMIT_TEXT) int limit,
            @RequestParam(required = false) String cursor) {
        return answer(() -> {
            MarkStore.Key after = Cursor.decode(cursor, 3)
                    .map(c -> new MarkStore.Key(c.text(0), c.instant(1), c.number(2)))
                    .orElse(null);
            int n = Page.limit(limit);
            List<Map<String, Object>> rows = marks.list(device, from, to, after, n + 1).stream()
                    .map(CamelCase::map)
                    .toList();
            return ResponseEntity.ok(
                    Page.of(rows, n, m -> Cursor.of(m.get("deviceId"), m.get("startsAt"), m.get("markId"))));
        });
    }

    @GetMapping("/api/marks/{id}")
    @Operation(summary = "单个标记及其版本 One mark with its versions and reviews")
    ResponseEntity<?> one(@PathVariable long id) {
        Optional<Map<String, Object>> mark = marks.visible(id);
        if (mark.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "no mark " + id);
        }
        return ResponseEntity.ok(CamelCase.map(Map.of("current", mark.get(), "versions", marks.history(id))));
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
        return answer(() -> {
            Optional<Cursor> after = Cursor.decode(cursor, 2);
            int n = Page.limit(limit);
            List<MarkTasks.Task> rows = marks.tasks(from, to).stream()
                    .filter(task -> after.isEmpty() || isAfter(task, after.get()))
                    .limit(n + 1L)
                    .toList();
            return ResponseEntity.ok(Page.of(rows, n, task -> Cursor.of(task.deviceId(), task.start())));
        });
    }

    private static boolean isAfter(MarkTasks.Task task, Cursor cursor) {
        int byDevice = task.deviceId().compareTo(cursor.text(0));
        return byDevice > 0 || byDevice == 0 && task.start().isAfter(cursor.instant(1));
    }

    @PostMapping("/api/marks")
    @Operation(summary = "新建标记 Make a mark (operator)")
    ResponseEntity<?> create(@RequestBody MarkDraft draft) {
        return answer(() -> ResponseEntity.status(HttpStatus.CREATED).body(CamelCase.map(marks.create(draft))));
    }

    /** A correction: the mark's next version, pending review again. */
    @PostMapping("/api/marks/{id}/versions")
    @Operation(summary = "更正标记 Correct a mark: its next version (operator)")
    ResponseEntity<?> correct(@PathVariable long id, @RequestBody MarkDraft draft) {
        return answer(() -> ResponseEntity.ok(CamelCase.map(marks.correct(id, draft))));
    }

    /** The bureau's review of the mark's current version: accepted, or rejected with a reason. */
    @PostMapping("/api/marks/{id}/review")
    @Operation(summary = "审核标记 Review a mark (administrator)")
    ResponseEntity<?> review(@PathVariable long id, @RequestBody Review review) {
        return answer(() -> ResponseEntity.ok(CamelCase.map(
                marks.review(id, review == null ? null : review.decision(), review == null ? null : review.reason()))));
    }

    private static ResponseEntity<?> answer(Supplier<ResponseEntity<?>> action) {
        try {
            return action.get();
        } catch (Marks.Refused refused) {
            return problem(refused.status(), refused.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
