package org.urad.envmon.ingest.reading;

import java.time.Instant;

/**
 * A zero/span/standard/comparison result as a monitor reported it, values in the parameter's
 * canonical unit. Natural key: (device, parameter, kind, time).
 *
 * @param fullScale the analyser's full-scale range, when known (the basis of %F.S. drift)
 * @param reportedPass pass/fail as the monitor reported it; {@code null} when it did not say
 */
public record Calibration(
        Family family,
        String deviceId,
        String parameter,
        CalibrationKind kind,
        Instant time,
        double reference,
        double measured,
        Double fullScale,
        Boolean reportedPass) {}
