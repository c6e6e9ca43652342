package org.urad.envmon.ingest.reading;

import java.util.Optional;

/** HJ 212-2017 Table 8 data flags. Every reading carries one; only some count as valid data. */
public enum DataFlag {
    /** Instrument normal. */
    N,
    /** Instrument stopped. */
    F,
    /** Produced during maintenance. */
    M,
    /** Manually entered set value. */
    S,
    /** Instrument fault. */
    D,
    /** Calibration in progress. */
    C,
    /** Above the measuring upper limit. */
    T,
    /** Communication fault between instrument and data logger. */
    B;

    /** Whether a value with this flag enters averages and compliance judgements. */
    public boolean isValid(boolean manualValuesValid) {
        return this == N || (manualValuesValid && this == S);
    }

    public static Optional<DataFlag> parse(String text) {
        if (text == null || text.length() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
