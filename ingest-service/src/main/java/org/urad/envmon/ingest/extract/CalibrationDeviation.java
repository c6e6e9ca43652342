package org.urad.envmon.ingest.extract;

/** Calibration deviation as HJ 75 judges it. Pure. */
public final class CalibrationDeviation {

    private CalibrationDeviation() {}

    /**
     * Deviation in percent: |measured − reference| / basis × 100, where the basis is the full scale
     * reported with the calibration, else the reference value, else (a zero check without full scale)
     * the instrument's registered range maximum. Null when no basis exists.
     */
    public static Double percent(double measured, double reference, Double fullScale, Double rangeMax) {
        Double basis = positive(fullScale);
        if (basis == null) {
            basis = reference != 0 ? Double.valueOf(Math.abs(reference)) : positive(rangeMax);
        }
        return basis == null ? null : Math.abs(measured - reference) / basis * 100;
    }

    /** Percentage points by which a deviation exceeds the allowed one; 0 when within. */
    public static double excess(double deviationPercent, double allowedPercent) {
        return Math.max(0, deviationPercent - allowedPercent);
    }

    private static Double positive(Double v) {
        return v != null && v > 0 ? v : null;
    }
}
