package org.urad.envmon.ingest.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells again what nobody has acted on: a breach still open (not acknowledged, not resolved) is
 * reminded on the ordinary channels every {@code reminderInterval}; an alert still open
 * {@code escalation.after} after it was opened is told once to the escalation channels. Both reuse
 * the alert's last event message from the outbox; one instance at a time (advisory lock).
 */
final class Reminders {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;

    Reminders(JdbcTemplate jdbc, TransactionTemplate tx, Outbox outbox) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
    }

    private record Open(long alertId, Instant lastTold, String message) {}

    /**
     * Deletes what was delivered, given up or merged into a digest before {@code before}, except the
     * messages of alerts still open (their reminders reuse them); returns how many rows went.
     */
    int forget(Instant before) {
        return jdbc.update("""
                DELETE FROM notification_outbox o
                 WHERE o.state <> 'pending' AND o.done_at < ?
                   AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.id = o.alert_id AND a.state <> 'resolved')
                """, Outbox.ts(before));
    }

    /** Queues the reminders and escalations due at {@code now}; returns how many rows it queued. */
    int run(
            Instant now,
            Duration reminderInterval,
            List<String> channels,
            Duration escalateAfter,
            List<String> escalationChannels) {
        Integer n = tx.execute(status -> {
            Boolean mine = jdbc.queryForObject(
                    "SELECT pg_try_advisory_xact_lock(hashtextextended('notify:reminders', 0))", Boolean.class);
            if (!Boolean.TRUE.equals(mine)) {
                return 0;
            }
            int queued = 0;
            if (!reminderInterval.isZero() && !channels.isEmpty()) {
                queued += remind(now, reminderInterval, channels);
            }
            if (!escalationChannels.isEmpty()) {
                queued += escalate(now, escalateAfter, escalationChannels);
            }
            return queued;
        });
        return n == null ? 0 : n;
    }

    private int remind(Instant now, Duration interval, List<String> channels) {
        List<Open> due = jdbc.query(
                """
                SELECT a.id, t.last_told, e.message::text
                  FROM alert a
                  CROSS JOIN LATERAL (SELECT max(created_at) AS last_told FROM notification_outbox o
                                       WHERE o.alert_id = a.id AND o.kind IN ('event', 'reminder')) t
                  CROSS JOIN LATERAL (SELECT message FROM notification_outbox o
                                       WHERE o.alert_id = a.id AND o.kind = 'event'
                                       ORDER BY created_at DESC, id DESC LIMIT 1) e
                 WHERE a.state = 'open' AND a.severity = 'breach' AND t.last_told <= ?
                """,
                (rs, i) -> new Open(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                Outbox.ts(now.minus(interval)));
        for (Open o : due) {
            AlertMessage m = Outbox.message(o.message()).retold("reminder", "【提醒】", "[reminder] ");
            channels.forEach(c -> outbox.insert("reminder", m, c, now));
        }
        return due.size() * channels.size();
    }

    private int escalate(Instant now, Duration after, List<String> channels) {
        List<Open> due = jdbc.query(
                """
                SELECT a.id, a.opened_at, e.message::text
                  FROM alert a
                  CROSS JOIN LATERAL (SELECT message FROM notification_outbox o
                                       WHERE o.alert_id = a.id AND o.kind = 'event'
                                       ORDER BY created_at DESC, id DESC LIMIT 1) e
                 WHERE a.state = 'open' AND a.opened_at <= ?
                   AND NOT EXISTS (SELECT 1 FROM notification_outbox x
                                    WHERE x.alert_id = a.id AND x.kind = 'escalation')
                """,
                (rs, i) -> new Open(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                Outbox.ts(now.minus(after)));
        long hours = Math.max(1, after.toHours());
        for (Open o : due) {
            AlertMessage m = Outbox.message(o.message())
                    .retold("unacknowledged", "【" + hours + " 小时未确认】", "[unacknowledged for " + hours + " h] ");
            channels.forEach(c -> outbox.insert("escalation", m, c, now));
        }
        return due.size() * channels.size();
    }
}
