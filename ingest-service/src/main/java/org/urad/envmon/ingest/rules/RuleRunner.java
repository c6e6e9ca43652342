package org.urad.envmon.ingest.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.notify.AlertMessage;
import org.urad.envmon.ingest.notify.Notifier;

/**
 * Applies verdicts to the alerts in one transaction, queueing what changed in the notification
 * outbox in that same transaction, and wakes the notifier once it has committed. Disabled rules (per
 * rule set, per subject) are skipped.
 */
public final class RuleRunner {

    /** A verdict with the parameters it was judged by. */
    public record Judged(Verdict verdict, RuleParams params) {}

    private final TransactionTemplate tx;
    private final AlertTracker tracker;
    private final Notifier notifier;
    private final Clock clock;
    private final Duration notifyWithin;

    public RuleRunner(TransactionTemplate tx, AlertTracker tracker, Notifier notifier) {
        this(tx, tracker, notifier, Clock.systemUTC(), null);
    }

    /**
     * @param notifyWithin changes to alerts whose period ended longer ago than this are recorded but not
     *     notified (an import's or a catch-up's old breaches page nobody); {@code null}: all are notified
     */
    public RuleRunner(
            TransactionTemplate tx, AlertTracker tracker, Notifier notifier, Clock clock, Duration notifyWithin) {
        this.tx = tx;
        this.tracker = tracker;
        this.notifier = notifier;
        this.clock = clock;
        this.notifyWithin = notifyWithin;
    }

    public void apply(List<Judged> verdicts) {
        List<AlertMessage> messages = tx.execute(status -> applyInTransaction(verdicts));
        notify(messages);
    }

    /** Applies within the caller's transaction; the caller should {@link #notify} after commit. */
    public List<AlertMessage> applyInTransaction(List<Judged> verdicts) {
        List<AlertMessage> out = new ArrayList<>();
        Instant oldest = notifyWithin == null ? null : clock.instant().minus(notifyWithin);
        for (Judged j : verdicts) {
            if (j.params().enabled()) {
                Verdict v = j.verdict();
                boolean old =
                        oldest != null && v.periodEnd() != null && v.periodEnd().isBefore(oldest);
                tracker.apply(v, j.params()).filter(m -> !old).ifPresent(m -> {
                    out.add(m);
                    if (notifier != null) {
                        notifier.submit(m);
                    }
                });
            }
        }
        return out;
    }

    /** After the commit: the messages are in the outbox already; this only asks the notifier to send them now. */
    public void notify(List<AlertMessage> messages) {
        if (messages != null && !messages.isEmpty() && notifier != null) {
            notifier.wake();
        }
    }

    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
