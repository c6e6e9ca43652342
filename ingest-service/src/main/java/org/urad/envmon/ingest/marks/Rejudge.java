package org.urad.envmon.ingest.marks;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.rules.WindowGroup;

/**
 * The closed rule windows a mark's period touches: they are judged again, as for late data, when the
 * mark is made, corrected or reviewed. Open windows are judged anyway when they close.
 */
final class Rejudge {

    record Window(WindowGroup group, Instant start, Instant end) {}

    private Rejudge() {}

    static Set<Window> windows(Family family, Instant from, Instant to, Instant now, ZoneId zone) {
        Set<Window> out = new LinkedHashSet<>();
        if (family == Family.CEMS) {
            add(WindowGroup.CEMS_HOUR, from, to, now, zone, out);
        } else if (family == Family.WATER_QUALITY) {
            add(WindowGroup.WQ_DAY, from, to, now, zone, out);
            add(WindowGroup.WQ_MONTH, from, to, now, zone, out);
        }
        return out;
    }

    private static void add(WindowGroup g, Instant from, Instant to, Instant now, ZoneId zone, Set<Window> out) {
        for (Instant s = g.start(from, zone); s.isBefore(to); s = g.end(s, zone)) {
            if (g.closed(s, now, zone)) {
                out.add(new Window(g, s, g.end(s, zone)));
            }
        }
    }
}
