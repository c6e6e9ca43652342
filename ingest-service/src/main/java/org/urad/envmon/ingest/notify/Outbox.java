package org.urad.envmon.ingest.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code notification_outbox} table. {@link #enqueue} runs in the caller's transaction (the
 * alert's own), so a notification exists exactly when its alert change committed. {@link #claim}
 * takes a channel's due rows with {@code FOR UPDATE SKIP LOCKED} and leases them by moving
 * {@code due_at} forward, so several instances never send one row twice; a channel's backlog beyond
 * its rate limit becomes one digest row.
 */
final class Outbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Most rows a channel without a rate limit sends in one pass. */
    static final int BATCH = 50;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    Outbox(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Queues {@code m} on {@code channel} unless it repeats the channel's last event for the same rule and subject. */
    void enqueueEvent(AlertMessage m, String channel, Instant now, Duration repeatInterval) {
        List<Object[]> last = jdbc.query(
                """
                SELECT event, created_at FROM notification_outbox
                 WHERE channel = ? AND rule_id = ? AND subject_id = ? AND parameter = ? AND kind = 'event'
                 ORDER BY created_at DESC, id DESC LIMIT 1
                """,
                (rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant()},
                channel,
                m.ruleId(),
                m.subjectId(),
                nz(m.parameter()));
        if (!last.isEmpty()
                && Repeats.suppressed(
                        (String) last.get(0)[0], (Instant) last.get(0)[1], m.event(), now, repeatInterval)) {
            return;
        }
        insert("event", m, channel, now);
    }

    long insert(String kind, AlertMessage m, String channel, Instant now) {
        return jdbc.queryForObject(
                """
                INSERT INTO notification_outbox (alert_id, channel, kind, rule_id, subject_id, parameter, event,
                                                 message, created_at, due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id
                """,
                Long.class,
                m.alertId() > 0 ? m.alertId() : null,
                channel,
                kind,
                m.ruleId(),
                m.subjectId(),
                nz(m.parameter()),
                m.event(),
                JSON.writeValueAsString(m),
                ts(now),
                ts(now));
    }

    /**
     * Claims {@code channel}'s due rows for sending: at most what its rate limit leaves in the current
     * window ({@code limit} 0: no limit, {@link #BATCH} at a time). When more are due than the limit
     * leaves, they are merged into one digest row, claimed instead. Empty when another instance is
     * working on the channel or its window is spent. The lease is {@code perRow} for each claimed row
     * and 30 s more: the time the sender may take before another instance may try them.
     */
    List<OutboxRow> claim(String channel, int limit, Duration window, Duration perRow, Instant now) {
        List<OutboxRow> claimed = tx.execute(status -> {
            Boolean mine = jdbc.queryForObject(
                    "SELECT pg_try_advisory_xact_lock(hashtextextended('notify:' || ?, 0))", Boolean.class, channel);
            if (!Boolean.TRUE.equals(mine)) {
                return List.of();
            }
            int budget = BATCH;
            if (limit > 0) {
                jdbc.update(
                        "DELETE FROM notification_attempt WHERE channel = ? AND at < ?",
                        channel,
                        ts(now.minus(window.multipliedBy(2))));
                Integer used = jdbc.queryForObject(
                        "SELECT count(*) FROM notification_attempt WHERE channel = ? AND at > ?",
                        Integer.class,
                        channel,
                        ts(now.minus(window)));
                budget = limit - used;
            }
            if (budget <= 0) {
                return List.of();
            }
            List<OutboxRow> due = jdbc.query("""
                    SELECT id, channel, kind, attempts, created_at, message FROM notification_outbox
                     WHERE channel = ? AND state = 'pending' AND due_at <= ?
                     ORDER BY (kind = 'digest') DESC, due_at, id LIMIT ? FOR UPDATE SKIP LOCKED
                    """, Outbox::row, channel, ts(now), limit > 0 ? 100_000 : BATCH);
            List<OutboxRow> out = limit > 0 && due.size() > budget ? digest(due, budget, channel, now) : due;
            lease(out, perRow.multipliedBy(out.size()).plusSeconds(30), now);
            if (limit > 0) {
                for (int i = 0; i < out.size(); i++) {
                    jdbc.update("INSERT INTO notification_attempt (channel, at) VALUES (?, ?)", channel, ts(now));
                }
            }
            return out;
        });
        return claimed == null ? List.of() : claimed;
    }

    /** Earlier digests go out as they are; everything else due becomes one new digest. */
    private List<OutboxRow> digest(List<OutboxRow> due, int budget, String channel, Instant now) {
        List<OutboxRow> out = new ArrayList<>();
        List<OutboxRow> merged = new ArrayList<>();
        for (OutboxRow r : due) {
            if ("digest".equals(r.kind()) && out.size() < budget - 1) {
                out.add(r);
            } else if (!"digest".equals(r.kind())) {
                merged.add(r);
            }
        }
        if (merged.isEmpty()) {
            return out;
        }
        AlertMessage digest =
                Digests.digest(merged.stream().map(OutboxRow::message).toList());
        long id = insert("digest", digest, channel, now);
        jdbc.batchUpdate(
                "UPDATE notification_outbox SET state = 'digested', digest_id = ?, done_at = ? WHERE id = ?",
                merged,
                500,
                (ps, r) -> {
                    ps.setLong(1, id);
                    ps.setTimestamp(2, ts(now));
                    ps.setLong(3, r.id());
                });
        out.add(new OutboxRow(id, channel, "digest", 0, now, digest));
        return out;
    }

    private void lease(List<OutboxRow> rows, Duration lease, Instant now) {
        Timestamp until = ts(now.plus(lease));
        jdbc.batchUpdate(
                "UPDATE notification_outbox SET due_at = ?, attempts = attempts + 1 WHERE id = ?",
                rows,
                500,
                (ps, r) -> {
                    ps.setTimestamp(1, until);
                    ps.setLong(2, r.id());
                });
        rows.replaceAll(
                r -> new OutboxRow(r.id(), r.channel(), r.kind(), r.attempts() + 1, r.createdAt(), r.message()));
    }

    void delivered(long id, Instant now) {
        jdbc.update(
                "UPDATE notification_outbox SET state = 'delivered', done_at = ?, last_error = NULL WHERE id = ?",
                ts(now),
                id);
    }

    void retry(long id, Instant due, String problem) {
        jdbc.update("UPDATE notification_outbox SET due_at = ?, last_error = ? WHERE id = ?", ts(due), problem, id);
    }

    void failed(long id, Instant now, String problem) {
        jdbc.update(
                "UPDATE notification_outbox SET state = 'failed', done_at = ?, last_error = ? WHERE id = ?",
                ts(now),
                problem,
                id);
    }

    /** Pending rows and the age in seconds of the oldest, for the gauges. */
    double[] backlog(Instant now) {
        return jdbc.queryForObject(
                "SELECT count(*), min(created_at) FROM notification_outbox WHERE state = 'pending'",
                (rs, i) -> new double[] {
                    rs.getLong(1),
                    rs.getTimestamp(2) == null
                            ? 0
                            : Math.max(
                                    0,
                                    Duration.between(rs.getTimestamp(2).toInstant(), now)
                                                    .toMillis()
                                            / 1000.0)
                });
    }

    private static OutboxRow row(ResultSet rs, int i) throws SQLException {
        return new OutboxRow(
                rs.getLong("id"),
                rs.getString("channel"),
                rs.getString("kind"),
                rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(),
                JSON.readValue(rs.getString("message"), AlertMessage.class));
    }

    static AlertMessage message(String json) {
        return JSON.readValue(json, AlertMessage.class);
    }

    static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
