package org.urad.envmon.ingest.simulator;

/** Seasonal and daily shapes of the Hetao irrigation district, as functions of the local day of year. */
final class Seasons {

    /** Groundwater irrigation: 1 April (day 91) to 30 September (day 273). */
    static final int IRRIGATION_START = 91;

    static final int IRRIGATION_END = 273;

    /** Yellow River canal irrigation, spring to autumn irrigation: 15 April to 10 November. */
    static final int CANAL_START = 105;

    static final int CANAL_END = 314;

    private Seasons() {}

    /** Irrigation intensity 0..1: zero outside the season, highest in early July. */
    static double irrigation(int dayOfYear) {
        if (dayOfYear < IRRIGATION_START || dayOfYear > IRRIGATION_END) {
            return 0;
        }
        return Math.sin(Math.PI * (dayOfYear - IRRIGATION_START) / (IRRIGATION_END - IRRIGATION_START + 1));
    }

    /** Seasonal drawdown of the water table 0..1: lags pumping, deepest in August, recovered by mid-December. */
    static double drawdown(int dayOfYear) {
        int recovered = IRRIGATION_START + 260;
        if (dayOfYear < IRRIGATION_START || dayOfYear >= recovered) {
            return 0;
        }
        return Math.sin(Math.PI * (dayOfYear - IRRIGATION_START) / 260.0);
    }

    /** 1 in mid-January, 0 in mid-July. */
    static double winterness(int dayOfYear) {
        return 0.5 + 0.5 * Math.cos(2 * Math.PI * (dayOfYear - 15) / 365.0);
    }

    /** A daily cycle in -1..1 peaking at {@code peakHour} local time. */
    static double diurnal(double hourOfDay, double peakHour) {
        return Math.cos(2 * Math.PI * (hourOfDay - peakHour) / 24.0);
    }

    static boolean canalSeason(int dayOfYear) {
        return dayOfYear >= CANAL_START && dayOfYear <= CANAL_END;
    }
}
