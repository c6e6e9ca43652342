package org.urad.envmon.ingest.store;

import java.util.List;
import org.urad.envmon.ingest.reading.Outcome;

/**
 * The hand-off after a commit: the values a batch stored for the first time (redeliveries and
 * re-sent values left out), in arrival order. Called on the flusher thread, so it must not block.
 */
@FunctionalInterface
public interface CommittedBatches {

    CommittedBatches NONE = fresh -> {};

    void committed(List<Outcome> fresh);

    /**
     * The same, with the {@code point_rule_due} rows committed with the values: a consumer that judges them
     * deletes the rows once it has; one that does not leaves them to the sweep.
     */
    default void committed(List<Outcome> fresh, List<Long> due) {
        committed(fresh);
    }

    /** Hands each batch to every consumer, in order. */
    static CommittedBatches all(List<CommittedBatches> consumers) {
        return new CommittedBatches() {
            @Override
            public void committed(List<Outcome> fresh) {
                committed(fresh, List.of());
            }

            @Override
            public void committed(List<Outcome> fresh, List<Long> due) {
                consumers.forEach(c -> c.committed(fresh, due));
            }
        };
    }
}
