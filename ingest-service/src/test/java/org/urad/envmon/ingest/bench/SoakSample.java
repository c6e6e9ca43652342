package org.urad.envmon.ingest.bench;

import java.util.Map;

/**
 * One sample of a soak run.
 *
 * @param wallSeconds wall time since the simulator started
 * @param simulatedDays simulated time since the start, days
 * @param serviceCpu CPU of the service's JVM over the last interval, % of one core (simulator and sampler included)
 * @param brokerCpu the same for mosquitto
 * @param postgresCpu the same for the PostgreSQL backends connected to the soak's database
 * @param rssMb resident set of the service's JVM
 * @param heapAfterGcMb old generation and survivors after the last collection (no forced GC)
 * @param sizes table and index bytes per group of tables ({@link SoakProbe#GROUPS})
 * @param readingsStored readings committed ({@code ingest.readings.stored})
 * @param alerts rows of {@code alert}
 * @param notifications webhook requests received
 * @param extractSeconds duration of the last extract, NaN before the first
 */
record SoakSample(
        double wallSeconds,
        double simulatedDays,
        double serviceCpu,
        double brokerCpu,
        double postgresCpu,
        double rssMb,
        double heapAfterGcMb,
        Map<String, Size> sizes,
        long readingsStored,
        long alerts,
        long notifications,
        double extractSeconds) {

    record Size(long table, long index) {

        long total() {
            return table + index;
        }
    }

    long totalBytes() {
        return sizes.values().stream().mapToLong(Size::total).sum();
    }
}
