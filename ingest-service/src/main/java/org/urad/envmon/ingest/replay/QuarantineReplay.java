package org.urad.envmon.ingest.replay;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.security.AuditLog;
import org.urad.envmon.ingest.store.CommittedBatches;
import org.urad.envmon.ingest.store.QuarantineReplays;
import org.urad.envmon.ingest.store.QuarantineReplays.Attempt;
import org.urad.envmon.ingest.store.QuarantineReplays.Quarantined;
import org.urad.envmon.ingest.store.QuarantineReplays.Result;

/**
 * Replays the open quarantined messages a selection names, oldest first, each in its own transaction
 * ({@link QuarantineReplays}) with the point rules' due rows, then has the point rules judge what was stored
 * for the first time, refreshes the aggregates the late data touched and judges the windows it marked, oldest
 * first, as an import does.
 * The audit log records who replayed what and how it ended.
 */
public final class QuarantineReplay {

    /** Messages one replay takes when the request does not say. */
    public static final int DEFAULT_LIMIT = 500;
    /** Most messages one replay takes. */
    public static final int MAX_LIMIT = 5000;

    /**
     * What to replay: open rows with this reason, device id and received time in {@code [from, to)}; {@code
     * null} selects all.
     */
    public record Request(String reason, String deviceId, Instant from, Instant to, Integer limit, Boolean dryRun) {

        int limitOrDefault() {
            return limit == null ? DEFAULT_LIMIT : limit;
        }

        boolean isDryRun() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /** One row's outcome. {@code quarantineId}: the row holding it now, when it failed again. */
    public record Item(long id, String outcome, long stored, long duplicates, Long quarantineId, String reason) {}

    /** A replay's report: counts per outcome ({@code stored, duplicate, quarantined, unchanged}) and each row. */
    public record Report(boolean dryRun, int selected, Map<String, Integer> outcomes, List<Item> messages) {}

    private final QuarantineReplays store;
    private final Readmission readmission;
    private final CommittedBatches rules;
    private final Runnable lateArrivals;
    private final IntSupplier catchUp;
    private final AuditLog audit;
    private final Clock clock;

    QuarantineReplay(
            QuarantineReplays store,
            Readmission readmission,
            CommittedBatches rules,
            Runnable lateArrivals,
            IntSupplier catchUp,
            AuditLog audit,
            Clock clock) {
        this.store = store;
        this.readmission = readmission;
        this.rules = rules;
        this.lateArrivals = lateArrivals;
        this.catchUp = catchUp;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException for a selection that cannot be run (a bad limit or time range) */
    public Report replay(Request request, String actor) throws SQLException {
        int limit = request.limitOrDefault();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (request.from() != null && request.to() != null && !request.from().isBefore(request.to())) {
            throw new IllegalArgumentException("from must be before to");
        }
        List<Quarantined> rows = store.open(new QuarantineReplays.Selection(
                blankToNull(request.reason()), blankToNull(request.deviceId()), request.from(), request.to(), limit));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Result r : Result.values()) {
            counts.put(r.code(), 0);
        }
        List<Item> items = new ArrayList<>(rows.size());
        List<Outcome> fresh = new ArrayList<>();
        List<Long> due = new ArrayList<>();
        Instant at = clock.instant();
        for (Quarantined row : rows) {
            Optional<Attempt> attempt = store.write(row, readmission.outcomes(row), actor, at, request.isDryRun());
            if (attempt.isEmpty()) {
                continue; // closed by another replay meanwhile
            }
            Attempt a = attempt.get();
            counts.merge(a.result().code(), 1, Integer::sum);
            fresh.addAll(a.fresh());
            due.addAll(a.due());
            items.add(new Item(
                    a.id(),
                    a.result().code(),
                    a.stored(),
                    a.duplicates(),
                    a.quarantineIds().isEmpty() ? null : a.quarantineIds().get(0),
                    a.reason()));
        }
        if (!fresh.isEmpty()) {
            rules.committed(fresh, due);
            lateArrivals.run();
            catchUp.getAsInt();
        }
        Report report = new Report(request.isDryRun(), rows.size(), counts, items);
        audit.record(
                actor,
                request.isDryRun() ? "quarantine.replay.dry_run" : "quarantine.replay",
                "quarantine",
                selection(request, limit),
                auditAfter(report));
        return report;
    }

    private static Map<String, Object> selection(Request r, int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", r.reason());
        m.put("device_id", r.deviceId());
        m.put("from", r.from() == null ? null : r.from().toString());
        m.put("to", r.to() == null ? null : r.to().toString());
        m.put("limit", limit);
        m.put("dry_run", r.isDryRun());
        return m;
    }

    private static Map<String, Object> auditAfter(Report report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("selected", report.selected());
        m.put("outcomes", report.outcomes());
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        for (Item i : report.messages()) {
            ids.computeIfAbsent(i.outcome(), k -> new ArrayList<>()).add(i.id());
        }
        m.put("ids", ids);
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
