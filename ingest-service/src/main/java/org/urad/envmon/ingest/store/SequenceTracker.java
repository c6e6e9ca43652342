package org.urad.envmon.ingest.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Detects messages lost upstream of the service from per-device sequence numbers: a jump from n
 * to n + k (k &gt; 1) means k − 1 messages never arrived. Repeats and reordering are not gaps.
 * Counts what this instance sees, so it is exact for one instance and not for a shared
 * subscription split over several. Used by the flusher thread alone, once per committed message,
 * so it keeps a plain map of mutable cells: no locking, no boxing per message.
 */
final class SequenceTracker {

    private final Map<String, long[]> last = new HashMap<>();

    /** Records a committed sequence number and returns how many messages it shows missing. */
    long observe(String deviceId, long sequence) {
        long[] highest = last.get(deviceId);
        if (highest == null) {
            last.put(deviceId, new long[] {sequence});
            return 0;
        }
        long previous = highest[0];
        if (sequence <= previous) {
            return 0;
        }
        highest[0] = sequence;
        return sequence - previous - 1;
    }
}
