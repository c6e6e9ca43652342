package org.urad.envmon.ingest.store;

import java.time.Instant;
import java.util.List;

/**
 * The per-monitor log of commands sent to data loggers ({@code monitor_command}) and what became of them.
 * Writing never throws: a log that cannot be written is reported and the command still goes out.
 */
public interface CommandLog {

    /** Records a command about to be sent, the first time. */
    default void sent(String deviceId, String mn, String cn, String qn, String reason, Instant at) {
        sent(deviceId, mn, cn, qn, reason, at, 1);
    }

    /** Records a command about to be sent; {@code attempt} counts the tries of the same request (1 first). */
    void sent(String deviceId, String mn, String cn, String qn, String reason, Instant at, int attempt);

    /** Records a logger's answer (9011 / 9012) to the command {@code qn} sent to {@code mn}. */
    void answered(String mn, String qn, String outcome, String detail, Instant at);

    /**
     * Settles as {@code timed_out} every command still {@code sent} that was sent before {@code sentBefore}:
     * no answer can match it any more. Idempotent, and safe to run from several instances at once.
     *
     * @return how many commands were settled
     */
    int expireUnanswered(Instant sentBefore, String detail, Instant at);

    /**
     * A monitor's commands, newest first (by time sent, then id): the first {@code limit} of them, or of those
     * that come after {@code after} in that order when it is not null.
     */
    List<CommandRow> recent(String deviceId, Key after, int limit);

    /** Where a command stands in the newest-first order. */
    record Key(Instant sentAt, long id) {}

    /** One command as the API shows it. */
    record CommandRow(
            long id,
            String cn,
            String qn,
            String reason,
            String detail,
            Instant sentAt,
            String outcome,
            Instant outcomeAt,
            int attempt) {}

    /** Logs nothing (a listener without a database, as in some tests). */
    CommandLog NONE = new CommandLog() {
        @Override
        public void sent(String deviceId, String mn, String cn, String qn, String reason, Instant at, int attempt) {}

        @Override
        public void answered(String mn, String qn, String outcome, String detail, Instant at) {}

        @Override
        public int expireUnanswered(Instant sentBefore, String detail, Instant at) {
            return 0;
        }

        @Override
        public List<CommandRow> recent(String deviceId, Key after, int limit) {
            return List.of();
        }
    };
}
