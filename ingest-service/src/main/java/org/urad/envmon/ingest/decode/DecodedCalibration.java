package org.urad.envmon.ingest.decode;

import java.time.Instant;

/** A calibration result as the payload stated it. {@code kind} is zero/span/standard/comparison. */
public record DecodedCalibration(
        String parameter,
        String kind,
        Instant time,
        double reference,
        double measured,
        Double fullScale,
        String unit,
        Boolean reportedPass) {}
