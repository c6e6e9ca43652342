package org.urad.envmon.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.MonitorStatus;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;

/**
 * The quarantine's side of a replay: which open rows a selection names, and the write of one replayed
 * message in one transaction with the row it came from: its readings (natural keys: a second replay stores
 * nothing), its calibrations and status items, the quarantine row of whatever failed again, and the replayed
 * row's outcome and pointer. A dry run does all of it and rolls back.
 */
public final class QuarantineReplays {

    /** An open quarantined message, as the replay reads it. */
    public record Quarantined(
            long id, String topic, String deviceId, String format, String reason, byte[] payload, Instant receivedAt) {}

    /** Which open rows to replay, oldest first; {@code null} fields select all. */
    public record Selection(String reason, String deviceId, Instant from, Instant to, int limit) {}

    /** How a replay attempt ended for one row. */
    public enum Result {
        /** Values of it were stored for the first time (or as revisions); the row is closed. */
        STORED,
        /** Everything in it was already stored; the row is closed. */
        DUPLICATE,
        /** It failed again for another reason; the row is closed and points to the row that holds it now. */
        QUARANTINED,
        /** It failed again for the same reason; the row stays open with the attempt recorded. */
        UNCHANGED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean closes() {
            return this != UNCHANGED;
        }
    }

    /**
     * One row's attempt.
     *
     * @param quarantineIds the rows holding what failed again (this row's own id when {@link Result#UNCHANGED})
     * @param fresh the outcomes' values stored for the first time, for the rules (empty in a dry run)
     * @param due the {@code point_rule_due} rows committed with them, to delete once they are judged
     */
    public record Attempt(
            long id,
            Result result,
            long stored,
            long duplicates,
            long revised,
            List<Long> quarantineIds,
            String reason,
            ReplayPointer pointer,
            List<Outcome> fresh,
            List<Long> due) {}

    private static final String SELECT = "SELECT id, topic, device_id, format, reason, payload, received_at"
            + " FROM quarantine WHERE replayed_at IS NULL"
            + " AND (:reason::text IS NULL OR reason = :reason)"
            + " AND (:device::text IS NULL OR device_id = :device)"
            + " AND (:from::timestamptz IS NULL OR received_at >= :from)"
            + " AND (:to::timestamptz IS NULL OR received_at < :to)"
            + " ORDER BY received_at, id LIMIT :limit";

    private static final String MARK = "UPDATE quarantine SET replay_attempts = replay_attempts + 1,"
            + " last_replay_at = ?, last_replay_by = ?, replay_outcome = ?, replay_quarantine_id = ?,"
            + " replay_result = ?::jsonb, replayed_at = ?, replayed_by = ? WHERE id = ?";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ReadingCopyWriter readings = new ReadingCopyWriter();
    private final CalibrationWriter calibrations = new CalibrationWriter();
    private final StatusWriter statuses = new StatusWriter();
    private final QuarantineWriter quarantine = new QuarantineWriter();
    private final PointRuleDueWriter due = new PointRuleDueWriter();

    public QuarantineReplays(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    public List<Quarantined> open(Selection s) {
        return jdbc.sql(SELECT)
                .param("reason", s.reason())
                .param("device", s.deviceId())
                .param("from", s.from() == null ? null : Timestamp.from(s.from()))
                .param("to", s.to() == null ? null : Timestamp.from(s.to()))
                .param("limit", s.limit())
                .query((rs, n) -> new Quarantined(
                        rs.getLong("id"),
                        rs.getString("topic"),
                        rs.getString("device_id"),
                        rs.getString("format"),
                        rs.getString("reason"),
                        rs.getBytes("payload"),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    /**
     * Writes what replaying {@code row} gave and marks the row, in one transaction; answers empty when another
     * replay closed the row meanwhile.
     */
    public synchronized java.util.Optional<Attempt> write(
            Quarantined row, List<Outcome> outcomes, String actor, Instant at, boolean dryRun) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!lockOpen(c, row.id())) {
                    c.rollback();
                    return java.util.Optional.empty();
                }
                Attempt attempt = writeOutcomes(c, row, outcomes);
                mark(c, attempt, actor, at);
                if (dryRun) {
                    c.rollback();
                    return java.util.Optional.of(withoutFresh(attempt));
                }
                c.commit();
                return java.util.Optional.of(attempt);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean lockOpen(Connection c, long id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT replayed_at IS NULL FROM quarantine WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private Attempt writeOutcomes(Connection c, Quarantined row, List<Outcome> outcomes) throws SQLException {
        List<Reading> allReadings = new ArrayList<>();
        List<Calibration> allCalibrations = new ArrayList<>();
        List<MonitorStatus> allStatuses = new ArrayList<>();
        for (Outcome o : outcomes) {
            allReadings.addAll(o.readings());
            allCalibrations.addAll(o.calibrations());
            allStatuses.addAll(o.statuses());
        }
        ReadingCopyWriter.Counts counts = readings.write(c, allReadings);
        CalibrationWriter.Written cal = calibrations.write(c, allCalibrations);
        long statusItems = statuses.write(c, allStatuses);
        List<Long> again = new ArrayList<>();
        String reason = null;
        for (Outcome o : outcomes) {
            if (o.isRejected()) {
                again.add(sameAsRow(row, o) ? row.id() : quarantine.writeAgain(c, o));
                reason = reason == null ? o.rejections().get(0).reason().code() : reason;
            }
        }
        long stored = counts.stored() + cal.fresh().size() + statusItems;
        Result result;
        if (again.contains(row.id())) {
            result = Result.UNCHANGED;
        } else if (!again.isEmpty()) {
            result = Result.QUARANTINED;
        } else if (stored + counts.revised() > 0) {
            result = Result.STORED;
        } else {
            result = Result.DUPLICATE;
        }
        List<Outcome> fresh = BatchWriter.fresh(outcomes, counts, cal.fresh());
        List<Long> dueRows = due.write(c, fresh);
        return new Attempt(
                row.id(),
                result,
                stored,
                counts.duplicates(),
                counts.revised(),
                List.copyOf(again),
                reason,
                ReplayPointer.of(allReadings, counts, again, reason),
                fresh,
                dueRows);
    }

    /**
     * Whether what failed is the row's own bytes for the row's own reason: then it stays where it is, even when
     * the topic it is filed under was cleaned on the way in and would no longer match the row's key.
     */
    private static boolean sameAsRow(Quarantined row, Outcome o) {
        return o.rejections().get(0).reason().code().equals(row.reason())
                && java.util.Arrays.equals(o.raw().payload(), row.payload());
    }

    private static void mark(Connection c, Attempt a, String actor, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK)) {
            Timestamp when = Timestamp.from(at);
            ps.setTimestamp(1, when);
            ps.setString(2, actor);
            ps.setString(3, a.result().code());
            Long other = a.quarantineIds().stream()
                    .filter(id -> id != a.id())
                    .findFirst()
                    .orElse(null);
            ps.setObject(4, other);
            ps.setString(5, a.pointer().json());
            ps.setTimestamp(6, a.result().closes() ? when : null);
            ps.setString(7, a.result().closes() ? actor : null);
            ps.setLong(8, a.id());
            ps.executeUpdate();
        }
    }

    private static Attempt withoutFresh(Attempt a) {
        return new Attempt(
                a.id(),
                a.result(),
                a.stored(),
                a.duplicates(),
                a.revised(),
                a.quarantineIds(),
                a.reason(),
                a.pointer(),
                List.of(),
                List.of());
    }
}
