package org.urad.envmon.ingest.extract;

import java.util.List;

/**
 * Volume through a cumulative meter from its daily (or hourly) buckets: the sum of the positive
 * differences between successive readings, so a meter reset or replacement does not make the volume
 * negative. Between buckets: next first − previous last when positive. Within a bucket whose last
 * reading is below its first (a reset inside the bucket): (max − first) + (last − min).
 */
public final class MeterVolume {

    /** One bucket of a cumulative meter, in time order; min and max may be null (no valid reading). */
    public record Bucket(double first, double last, Double min, Double max) {}

    private MeterVolume() {}

    public static double of(List<Bucket> buckets) {
        double total = 0;
        Double previousLast = null;
        for (Bucket b : buckets) {
            if (previousLast != null && b.first() > previousLast) {
                total += b.first() - previousLast;
            }
            total += within(b);
            previousLast = b.last();
        }
        return total;
    }

    private static double within(Bucket b) {
        if (b.last() >= b.first()) {
            return b.last() - b.first();
        }
        double before = b.max() == null ? 0 : Math.max(0, b.max() - b.first());
        double after = b.min() == null ? 0 : Math.max(0, b.last() - b.min());
        return before + after;
    }
}
