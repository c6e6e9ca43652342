package org.urad.envmon.ingest.inbound.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a logger's stored records of one kind leave gaps: two stored records further apart than one and a
 * half expected intervals enclose a gap, and so do the last stored record and the end of the window (data
 * of the last two intervals may still be on their way, so the window ends two intervals before now). The
 * gap is the open span between the records, so that no request covers a stored record; it is cut into
 * requests no longer than the longest span (or one interval, where that is longer). Nothing before the
 * first stored record of the window is asked for. Pure.
 */
final class GapFinder {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private GapFinder() {}

    /**
     * @param stored the stored record times of the window, ascending
     * @param interval how often a record is expected
     * @param now the end of the window is two intervals before it
     */
    static List<HistoryGap> gaps(
            HistoryKind kind, List<Instant> stored, Duration interval, Instant now, Duration maxSpan) {
        List<HistoryGap> gaps = new ArrayList<>();
        if (stored.isEmpty() || interval.isZero() || interval.isNegative()) {
            return gaps;
        }
        Duration tolerated = interval.plus(interval.dividedBy(2));
        Duration span = maxSpan.compareTo(interval) < 0 ? interval : maxSpan;
        for (int i = 1; i < stored.size(); i++) {
            Instant before = stored.get(i - 1);
            Instant after = stored.get(i);
            if (Duration.between(before, after).compareTo(tolerated) > 0) {
                cut(kind, before.plus(SECOND), after.minus(SECOND), span, gaps);
            }
        }
        Instant last = stored.get(stored.size() - 1);
        Instant windowEnd = now.minus(interval.multipliedBy(2));
        if (Duration.between(last, windowEnd).compareTo(tolerated) > 0) {
            cut(kind, last.plus(SECOND), windowEnd, span, gaps);
        }
        return gaps;
    }

    private static void cut(HistoryKind kind, Instant begin, Instant end, Duration span, List<HistoryGap> out) {
        Instant from = begin;
        while (!from.isAfter(end)) {
            Instant to = from.plus(span).minus(SECOND);
            if (to.isAfter(end)) {
                to = end;
            }
            out.add(new HistoryGap(kind, from, to));
            from = to.plus(SECOND);
        }
    }
}
