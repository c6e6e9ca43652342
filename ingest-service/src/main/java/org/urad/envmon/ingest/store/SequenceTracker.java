package org.urad.envmon.ingest.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Detects messages lost upstream of the service from per-device sequence numbers: a jump from n
 * to n + k (k &gt; 1) means k − 1 messages never arrived. Repeats and reordering are not gaps.
 * Counts what this instance sees, so it is exact for one instance and not for a shared
 * subscription split over several.
 */
final class SequenceTracker {

    private final ConcurrentMap<String, Long> last = new ConcurrentHashMap<>();

    /** Records a committed sequence number and returns how many messages it shows missing. */
    long observe(String deviceId, long sequence) {
        long[] missing = {0};
        last.merge(deviceId, sequence, (previous, current) -> {
            if (current > previous + 1) {
                missing[0] = current - previous - 1;
            }
            return Math.max(previous, current);
        });
        return missing[0];
    }
}
