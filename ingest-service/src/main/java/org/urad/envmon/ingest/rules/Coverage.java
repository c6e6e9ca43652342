package org.urad.envmon.ingest.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How much of a window a monitor's data cover: expected record counts, the open hour's share (the valid
 * minutes of an hour are the valid-hour definition's, {@code cems_valid_hours}, V24).
 */
public final class Coverage {

    private Coverage() {}

    /**
     * The valid minutes an open (provisional) hour needs so far: the same share of the elapsed
     * minutes as {@code minValidMinutes} is of the whole hour, at least one.
     */
    public static int provisionalMinutes(double minValidMinutes, Instant hourStart, Instant now) {
        long elapsed = Math.min(60, Math.max(0, Duration.between(hourStart, now).toMinutes()));
        return (int) Math.max(1, Math.ceil(minValidMinutes * elapsed / 60.0));
    }

    /**
     * Records expected in {@code [from, to)} at one per reporting interval: the number of
     * reporting slots, counting a slot that starts at {@code from}.
     */
    public static long expected(Instant from, Instant to, Duration reportingInterval) {
        if (!to.isAfter(from) || reportingInterval.isZero() || reportingInterval.isNegative()) {
            return 0;
        }
        long span = Duration.between(from, to).toSeconds();
        long step = Math.max(1, reportingInterval.toSeconds());
        return (span + step - 1) / step;
    }

    /** A period taken out of a window (an accepted data mark of the whole monitor). */
    public record Span(Instant start, Instant end) {}

    /**
     * Records expected in {@code [from, to)} outside the {@code marked} spans (clipped to the window,
     * overlaps counted once): a marked period is not expected to deliver data.
     */
    public static long expectedUnmarked(Instant from, Instant to, Duration reportingInterval, List<Span> marked) {
        List<Span> clipped = new ArrayList<>();
        for (Span s : marked) {
            Instant a = s.start().isBefore(from) ? from : s.start();
            Instant b = s.end().isAfter(to) ? to : s.end();
            if (b.isAfter(a)) {
                clipped.add(new Span(a, b));
            }
        }
        clipped.sort(Comparator.comparing(Span::start));
        long out = expected(from, to, reportingInterval);
        Instant coveredTo = from;
        for (Span s : clipped) {
            Instant a = s.start().isBefore(coveredTo) ? coveredTo : s.start();
            if (s.end().isAfter(a)) {
                out -= Duration.between(a, s.end()).toSeconds() / Math.max(1, reportingInterval.toSeconds());
                coveredTo = s.end();
            }
        }
        return Math.max(0, out);
    }
}
