package org.urad.envmon.ingest.store;

import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.reading.Outcome;

/**
 * What committed writes did.
 *
 * @param fresh the messages' values stored for the first time (not redelivered, not re-sent), in
 *     arrival order: what the point rules judge
 * @param due the {@code point_rule_due} rows committed with them, to delete once they are judged
 */
public record WriteResult(
        long stored,
        long duplicates,
        long revised,
        long calibrations,
        long quarantined,
        List<Outcome> fresh,
        List<Long> due) {

    static final WriteResult NONE = new WriteResult(0, 0, 0, 0, 0, List.of(), List.of());

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
                both,
                concat(due, later.due));
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<Long> both = new ArrayList<>(a.size() + b.size());
        both.addAll(a);
        both.addAll(b);
        return both;
    }
}
