package org.urad.envmon.ingest.registry;

/**
 * A parameter a monitor measures: its unit, the analyser's range (full scale = {@code rangeMax})
 * and the limit it is held to.
 *
 * @param limitValue upper limit (hourly mean for CEMS, daily mean for water), or {@code null}
 * @param limitLow lower limit where one applies (pH 6–9), or {@code null}
 * @param limitCold the limit when water is at or below 12 °C (NH3-N 5 → 8 mg/L), or {@code null}
 * @param limitO2RefPct the reference O2 (%) the limit is set at (coke-oven chimney: 8), or {@code null}
 *     when the limit applies to the measured concentration
 */
public record MonitorParameter(
        String deviceId,
        String parameter,
        String unit,
        double rangeMin,
        double rangeMax,
        Double limitValue,
        Double limitLow,
        Double limitCold,
        Double limitO2RefPct) {

    /** A parameter whose limit, if any, applies to the measured concentration. */
    public MonitorParameter(
            String deviceId,
            String parameter,
            String unit,
            double rangeMin,
            double rangeMax,
            Double limitValue,
            Double limitLow,
            Double limitCold) {
        this(deviceId, parameter, unit, rangeMin, rangeMax, limitValue, limitLow, limitCold, null);
    }
}
