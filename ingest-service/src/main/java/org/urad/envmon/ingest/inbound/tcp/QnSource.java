package org.urad.envmon.ingest.inbound.tcp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.urad.envmon.ingest.decode.hj212.Hj212Time;

/**
 * The one source of the QNs the listener puts on its commands (set time, gap-recovery requests, operators'
 * commands): each QN is the time it was issued, to the millisecond, but never one issued before. The
 * logger's 9011 / 9012 name the command they answer by its QN, so two commands sharing one would have
 * their answers matched to the wrong request. Thread-safe.
 */
final class QnSource {

    private Instant last = Instant.EPOCH;

    /** A QN no command issued through here had: {@code now}, or one millisecond past the last one. */
    synchronized String next(Instant now) {
        Instant t = now.truncatedTo(ChronoUnit.MILLIS);
        if (!t.isAfter(last)) {
            t = last.plusMillis(1);
        }
        last = t;
        return Hj212Time.qn(t);
    }
}
