package org.urad.envmon.ingest.store;

import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.reading.Outcome;

/**
 * What committed writes did.
 *
 * @param fresh the messages' values stored for the first time (not redelivered, not re-sent), in
 *     arrival order: what the point rules judge
 */
public record WriteResult(
        long stored, long duplicates, long revised, long calibrations, long quarantined, List<Outcome> fresh) {

    static final WriteResult NONE = new WriteResult(0, 0, 0, 0, 0, List.of());

    /** This result followed by a later one (e.g. the parts of a batch written one after the other). */
    WriteResult plus(WriteResult later) {
        List<Outcome> both = new ArrayList<>(fresh.size() + later.fresh.size());
        both.addAll(fresh);
        both.addAll(later.fresh);
        return new WriteResult(
                stored + later.stored,
                duplicates + later.duplicates,
                revised + later.revised,
                calibrations + later.calibrations,
                quarantined + later.quarantined,
                both);
    }
}
