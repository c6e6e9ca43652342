package org.urad.envmon.ingest.registry;

/**
 * A parameter a monitor measures: its unit, the analyser's range (full scale = {@code rangeMax})
 * and the limit it is held to.
 *
 * @param limitValue upper limit (hourly mean for CEMS, daily mean for water), or {@code null}
 * @param limitLow lower limit where one applies (pH 6–9), or {@code null}
 * @param limitCold the limit when water is at or below 12 °C (NH3-N 5 → 8 mg/L), or {@code null}
 */
public record MonitorParameter(
        String deviceId,
        String parameter,
        String unit,
        double rangeMin,
        double rangeMax,
        Double limitValue,
        Double limitLow,
        Double limitCold) {}
