package org.urad.envmon.ingest.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;

/**
 * Which scheduled windows a committed batch makes stale: a CEMS value for a closed hour, a
 * water-quality value for a closed day or month (late data), and any new meter total for the
 * year's quota totals (the open year is judged again whenever its totals change).
 */
final class LateData {

    record Window(WindowGroup group, Instant start) {}

    private LateData() {}

    static Set<Window> windows(List<Outcome> batch, Instant now, ZoneId zone) {
        Set<Window> out = new LinkedHashSet<>();
        for (Outcome o : batch) {
            for (Reading r : o.readings()) {
                if (r.family() == Family.CEMS) {
                    closed(WindowGroup.CEMS_HOUR, r.time(), now, zone, out);
                } else if (r.family() == Family.WATER_QUALITY) {
                    closed(WindowGroup.WQ_DAY, r.time(), now, zone, out);
                    closed(WindowGroup.WQ_MONTH, r.time(), now, zone, out);
                } else if (r.family() == Family.WELL && r.valid() && "volume_total".equals(r.parameter())) {
                    out.add(new Window(WindowGroup.QUOTA_YEAR, WindowGroup.QUOTA_YEAR.start(r.time(), zone)));
                }
            }
        }
        return out;
    }

    private static void closed(WindowGroup g, Instant t, Instant now, ZoneId zone, Set<Window> out) {
        Instant start = g.start(t, zone);
        if (g.closed(start, now, zone)) {
            out.add(new Window(g, start));
        }
    }
}
