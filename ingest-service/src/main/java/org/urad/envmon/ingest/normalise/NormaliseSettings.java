package org.urad.envmon.ingest.normalise;

import java.time.Duration;

/**
 * @param maxFutureSkew how far ahead of the service's clock a reading's time may be
 * @param maxAge how far in the past a reading's time may be (late data within it is accepted); {@code null}
 *     for no limit, as for an import of history ({@link #withoutAgeLimit()})
 * @param manualValuesValid whether values flagged S (manually set) count as valid data
 */
public record NormaliseSettings(Duration maxFutureSkew, Duration maxAge, boolean manualValuesValid) {

    /** The same checks with no limit on how old a value may be: history an operator loads on purpose. */
    public NormaliseSettings withoutAgeLimit() {
        return new NormaliseSettings(maxFutureSkew, null, manualValuesValid);
    }
}
