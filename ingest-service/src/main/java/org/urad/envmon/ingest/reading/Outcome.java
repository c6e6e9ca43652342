package org.urad.envmon.ingest.reading;

import java.util.List;

/**
 * What became of one message: the readings, calibrations and status items to store and the rejections to
 * quarantine. A message may be partly good: its valid values are stored and its raw bytes are
 * quarantined with the reasons for the rest.
 */
public record Outcome(
        RawMessage raw,
        String format,
        String deviceId,
        List<Reading> readings,
        List<Calibration> calibrations,
        List<Rejection> rejections,
        List<MonitorStatus> statuses) {

    /** An outcome without status items. */
    public Outcome(
            RawMessage raw,
            String format,
            String deviceId,
            List<Reading> readings,
            List<Calibration> calibrations,
            List<Rejection> rejections) {
        this(raw, format, deviceId, readings, calibrations, rejections, List.of());
    }

    public static Outcome rejected(RawMessage raw, String format, String deviceId, Rejection rejection) {
        return new Outcome(raw, format, deviceId, List.of(), List.of(), List.of(rejection));
    }

    public boolean isRejected() {
        return !rejections.isEmpty();
    }

    public int valueCount() {
        return readings.size() + calibrations.size() + statuses.size();
    }

    /** Whether anything of the message is stored once its batch commits (some of it may still be quarantined). */
    public boolean storesValues() {
        return valueCount() > 0;
    }

    /** Acknowledges the message once this outcome is committed: see {@link Ack}. */
    public void acknowledge() {
        raw.ack().ack(storesValues());
    }
}
