package org.urad.envmon.ingest.marks;

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
import org.urad.envmon.ingest.rules.RulesProperties;
import org.urad.envmon.ingest.rules.WindowScheduler;
import org.urad.envmon.ingest.security.AuditLog;
import org.urad.envmon.ingest.security.PlantScope;

/**
 * What the API and the console do with data marks: the checks (a plant user sees and marks only its own
 * monitors; only the bureau reviews), each change committed with its audit row, then the closed rule windows
 * it touches judged again. Rows are the columns of {@link MarkStore#CURRENT_COLUMNS}, snake case.
 */
public class Marks {

    /** Why a request cannot be done, with the HTTP status the API answers it with. */
    public static final class Refused extends RuntimeException {
        private final HttpStatus status;

        Refused(HttpStatus status, String detail) {
            super(detail);
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }

    private final MarkStore store;
    private final AuditLog audit;
    private final WindowScheduler windows;
    private final MarksProperties settings;
    private final Clock clock;
    private final ZoneId zone;

    Marks(
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

    /** Current marks overlapping [from, to) the user may see, by device, start and mark id: the first {@code limit}. */
    public List<Map<String, Object>> list(String device, Instant from, Instant to, int limit) {
        return list(device, from, to, null, limit);
    }

    List<Map<String, Object>> list(String device, Instant from, Instant to, MarkStore.Key after, int limit) {
        if (!to.isAfter(from)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "\"to\" must be after \"from\"");
        }
        return store.list(device, PlantScope.enterprise().orElse(null), from, to, after, limit);
    }

    /** The mark if the user may see it: a plant user sees its own enterprise's marks only. */
    public Optional<Map<String, Object>> visible(long id) {
        Optional<String> scope = PlantScope.enterprise();
        return store.current(id).filter(m -> scope.isEmpty() || scope.get().equals(m.get("enterprise")));
    }

    /** Every version of a mark the user may see, oldest first, each with its reviews. */
    public List<Map<String, Object>> history(long id) {
        return visible(id).isPresent() ? store.history(id) : List.of();
    }

    /**
     * The user's unmarked abnormal periods of [from, to) (whole hours up to now, at most {@code
     * ingest.marks.max-task-range}), by device and start.
     */
    public List<MarkTasks.Task> tasks(Instant from, Instant to) {
        Instant now = clock.instant();
        Instant f = from.truncatedTo(ChronoUnit.HOURS);
        Instant t = (to.isAfter(now) ? now : to).truncatedTo(ChronoUnit.HOURS);
        if (!t.isAfter(f)) {
            return List.of();
        }
        if (Duration.between(f, t).compareTo(settings.maxTaskRange()) > 0) {
            throw new Refused(HttpStatus.BAD_REQUEST, "the range is longer than " + settings.maxTaskRange());
        }
        return MarkTasks.merge(store.abnormalHours(PlantScope.enterprise().orElse(null), f, t), settings, now);
    }

    /** The longest range {@link #tasks} looks at. */
    public Duration maxTaskRange() {
        return settings.maxTaskRange();
    }

    /** Makes a mark (version 1); returns it. */
    public Map<String, Object> create(MarkDraft draft) {
        MarkStore.Monitor monitor = checked(draft);
        MarkStore.Made made = made(draft);
        long id = audit.inTransaction(() -> {
            long markId = store.create(draft, made);
            audit.record(
                    "mark.create", "mark/" + markId, null, store.current(markId).orElseThrow());
            return markId;
        });
        rejudge(monitor, draft.start(), draft.end());
        return store.current(id).orElseThrow();
    }

    /** Corrects a mark: its next version, pending review again; returns it. */
    public Map<String, Object> correct(long id, MarkDraft draft) {
        Map<String, Object> before = visible(id).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no mark " + id));
        if (draft != null && !before.get("device_id").equals(draft.deviceId())) {
            throw new Refused(HttpStatus.BAD_REQUEST, "a correction keeps the mark's monitor; make a new mark instead");
        }
        MarkStore.Monitor monitor = checked(draft);
        MarkStore.Made made = made(draft);
        try {
            audit.inTransaction(() -> {
                store.correct(id, draft, made);
                audit.record(
                        "mark.correct", "mark/" + id, before, store.current(id).orElseThrow());
                return null;
            });
        } catch (DuplicateKeyException concurrent) {
            throw new Refused(HttpStatus.CONFLICT, "mark " + id + " was corrected meanwhile; read it again");
        }
        rejudge(monitor, instant(before.get("starts_at")), instant(before.get("ends_at")));
        rejudge(monitor, draft.start(), draft.end());
        return store.current(id).orElseThrow();
    }

    /** Whether the user may review marks: an administrator of the bureau, bound to no plant. */
    public static boolean mayReview() {
        return PlantScope.isBureau();
    }

    /** The bureau's review of the mark's current version: {@code accepted}, or {@code rejected} with a reason. */
    public Map<String, Object> review(long id, String decision, String reason) {
        if (PlantScope.enterprise().isPresent()) {
            throw new Refused(HttpStatus.FORBIDDEN, "a plant user cannot review marks");
        }
        Map<String, Object> mark =
                store.current(id).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no mark " + id));
        if (!List.of("accepted", "rejected").contains(decision)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "\"decision\" is accepted or rejected");
        }
        if ("rejected".equals(decision) && (reason == null || reason.isBlank())) {
            throw new Refused(HttpStatus.BAD_REQUEST, "a rejection needs a \"reason\"");
        }
        int version = ((Number) mark.get("version")).intValue();
        audit.inTransaction(() -> {
            store.review(id, version, decision, reason, AuditLog.actor(), clock.instant());
            audit.record("mark.review", "mark/" + id, mark, store.current(id).orElseThrow());
            return null;
        });
        store.monitor((String) mark.get("device_id"))
                .ifPresent(m -> rejudge(m, instant(mark.get("starts_at")), instant(mark.get("ends_at"))));
        return store.current(id).orElseThrow();
    }

    /** The draft's monitor, if the user may mark it and the draft is sound for it. */
    private MarkStore.Monitor checked(MarkDraft draft) {
        if (draft == null || draft.deviceId() == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "\"deviceId\" is required");
        }
        Optional<String> scope = PlantScope.enterprise();
        MarkStore.Monitor monitor = store.monitor(draft.deviceId())
                .filter(m -> scope.isEmpty() || scope.get().equals(m.enterprise()))
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no monitor " + draft.deviceId()));
        String problem = draft.problem(monitor.family());
        if (problem != null) {
            throw new Refused(HttpStatus.BAD_REQUEST, problem);
        }
        return monitor;
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
}
