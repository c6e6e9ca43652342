package org.urad.envmon.ingest.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.notify.AlertMessage;
import org.urad.envmon.ingest.notify.Notifier;

/**
 * Applies verdicts to the alerts in one transaction and, once it has committed, hands what changed
 * to the notifier. Disabled rules (per rule set, per subject) are skipped.
 */
public final class RuleRunner {

    /** A verdict with the parameters it was judged by. */
    public record Judged(Verdict verdict, RuleParams params) {}

    private final TransactionTemplate tx;
    private final AlertTracker tracker;
    private final Notifier notifier;

    public RuleRunner(TransactionTemplate tx, AlertTracker tracker, Notifier notifier) {
        this.tx = tx;
        this.tracker = tracker;
        this.notifier = notifier;
    }

    public void apply(List<Judged> verdicts) {
        List<AlertMessage> messages = tx.execute(status -> applyInTransaction(verdicts));
        notify(messages);
    }

    /** Applies within the caller's transaction; the caller must {@link #notify} after commit. */
    public List<AlertMessage> applyInTransaction(List<Judged> verdicts) {
        List<AlertMessage> out = new ArrayList<>();
        for (Judged j : verdicts) {
            if (j.params().enabled()) {
                tracker.apply(j.verdict(), j.params()).ifPresent(out::add);
            }
        }
        return out;
    }

    public void notify(List<AlertMessage> messages) {
        if (messages != null && notifier != null) {
            messages.forEach(notifier::submit);
        }
    }

    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
