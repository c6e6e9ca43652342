package org.urad.envmon.ingest.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed notification is tried again: {@code min} after the first failure, doubling up to
 * {@code max}, until it is {@code maxAge} old; then it is given up.
 */
record Backoff(Duration min, Duration max, Duration maxAge) {

    Duration delay(int attempts) {
        Duration d = min.multipliedBy(1L << Math.min(30, Math.max(0, attempts - 1)));
        return d.compareTo(max) > 0 ? max : d;
    }

    /** The next attempt's time, or {@code null} when the notification is too old to try again. */
    Instant next(Instant createdAt, int attempts, Instant now) {
        Instant next = now.plus(delay(attempts));
        return next.isAfter(createdAt.plus(maxAge)) ? null : next;
    }
}
