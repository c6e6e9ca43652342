package org.urad.envmon.ingest.reading;

import java.util.Arrays;
import java.util.Optional;

/** What a calibration record checks. */
public enum CalibrationKind {
    ZERO("zero"),
    SPAN("span"),
    /** Standard-sample (standard-gas or standard-solution) check. */
    STANDARD("standard"),
    /** Comparison monitoring against the reference method. */
    COMPARISON("comparison");

    private final String code;

    CalibrationKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<CalibrationKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
