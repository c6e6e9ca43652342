package org.urad.envmon.ingest.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.store.PointRuleDueWriter;

/**
 * What the point rules still owe for committed batches that found the rule queue full: per device, the
 * time ranges of its well readings, CEMS calibrations and over-range (T) values (read back from the database for the catch-up),
 * and the late-data windows the batches made stale. Memory is bounded by the number of devices: each keeps
 * at most {@link #MAX_RANGES} ranges, the closest ones merged beyond that (a merged range may re-judge a
 * value already judged, which the alert tracker absorbs: a repeated finding refreshes its open alert).
 */
final class PointRuleBacklog {

    static final int MAX_RANGES = 16;

    /** A closed time range {@code [from, to]}. */
    record Range(Instant from, Instant to) {}

    /** Everything owed, taken at once; {@code due}: the batches' {@code point_rule_due} rows. */
    record Owed(
            Map<String, List<Range>> wellReadings,
            Map<String, List<Range>> calibrations,
            Map<String, List<Range>> overRange,
            Set<LateData.Window> windows,
            List<Long> due) {

        boolean isEmpty() {
            return wellReadings.isEmpty() && calibrations.isEmpty() && overRange.isEmpty() && windows.isEmpty();
        }
    }

    private Map<String, List<Range>> wellReadings = new HashMap<>();
    private Map<String, List<Range>> calibrations = new HashMap<>();
    private Map<String, List<Range>> overRange = new HashMap<>();
    private Set<LateData.Window> windows = new LinkedHashSet<>();
    private List<Long> due = new ArrayList<>();

    synchronized void add(List<Outcome> batch, List<Long> dueRows, Instant now, ZoneId zone) {
        due.addAll(dueRows);
        for (Outcome o : batch) {
            for (Reading r : o.readings()) {
                if (r.family() == Family.WELL && r.valid()) {
                    include(wellReadings, r.deviceId(), r.time());
                } else if (PointRuleDueWriter.overRange(r)) {
                    include(overRange, r.deviceId(), r.time());
                }
            }
            for (Calibration c : o.calibrations()) {
                if (c.family() == Family.CEMS) {
                    include(calibrations, c.deviceId(), c.time());
                }
            }
        }
        windows.addAll(LateData.windows(batch, now, zone));
    }

    synchronized boolean isEmpty() {
        return wellReadings.isEmpty() && calibrations.isEmpty() && overRange.isEmpty() && windows.isEmpty();
    }

    synchronized Owed take() {
        Owed owed = new Owed(wellReadings, calibrations, overRange, windows, due);
        due = new ArrayList<>();
        wellReadings = new HashMap<>();
        calibrations = new HashMap<>();
        overRange = new HashMap<>();
        windows = new LinkedHashSet<>();
        return owed;
    }

    private static void include(Map<String, List<Range>> byDevice, String deviceId, Instant t) {
        List<Range> ranges = byDevice.computeIfAbsent(deviceId, k -> new ArrayList<>());
        for (int i = 0; i < ranges.size(); i++) {
            Range r = ranges.get(i);
            if (!t.isBefore(r.from()) && !t.isAfter(r.to())) {
                return;
            }
        }
        ranges.add(new Range(t, t));
        if (ranges.size() > MAX_RANGES) {
            mergeClosest(ranges);
        }
    }

    /** Merges the two ranges with the smallest gap between them. */
    static void mergeClosest(List<Range> ranges) {
        ranges.sort(Comparator.comparing(Range::from));
        int best = 0;
        long bestGap = Long.MAX_VALUE;
        for (int i = 0; i + 1 < ranges.size(); i++) {
            long gap = ranges.get(i + 1).from().getEpochSecond()
                    - ranges.get(i).to().getEpochSecond();
            if (gap < bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        Range a = ranges.get(best);
        Range b = ranges.remove(best + 1);
        ranges.set(best, new Range(a.from(), b.to().isAfter(a.to()) ? b.to() : a.to()));
    }
}
