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
}
