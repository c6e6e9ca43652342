package org.urad.envmon.ingest.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * The open hour's share of a window (the valid minutes of an hour are {@code cems_valid_hours}, V24; the expected
 * records of a window {@code transmission_rate}, V25).
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
}
