package org.urad.envmon.ingest.rules;

import java.time.Duration;
import java.time.Instant;

/** How much of an hour a monitor's data cover (the expected records of a window: transmission_rate, V25). */
public final class Coverage {

    private Coverage() {}

    /**
     * Minutes of a clock hour covered by valid data: each valid real-time value stands for one
     * reporting interval, each valid minute value for one minute; when a monitor sends both, the
     * larger cover counts (they describe the same minutes). At most 60.
     */
    public static int validMinutes(long validRealtime, long validMinute, Duration reportingInterval) {
        double perValue = Math.max(1, reportingInterval.toSeconds()) / 60.0;
        double fromRealtime = validRealtime * perValue;
        return (int) Math.min(60, Math.floor(Math.max(fromRealtime, validMinute) + 1e-9));
    }

    /**
     * The valid minutes an open (provisional) hour needs so far: the same share of the elapsed
     * minutes as {@code minValidMinutes} is of the whole hour, at least one.
     */
    public static int provisionalMinutes(double minValidMinutes, Instant hourStart, Instant now) {
        long elapsed = Math.min(60, Math.max(0, Duration.between(hourStart, now).toMinutes()));
        return (int) Math.max(1, Math.ceil(minValidMinutes * elapsed / 60.0));
    }
}
