package org.urad.envmon.ingest.extract;

import java.time.YearMonth;
import java.util.Map;

/**
 * The current run of months whose year-on-year change of the zone monthly mean is within the band;
 * a month without data (or without the same month a year earlier) breaks the run.
 *
 * @param months length of the run ending at {@code end}; 0 when {@code end} itself is not stable
 * @param since first month of the run, null when the run is empty
 */
public record StableRun(int months, YearMonth since, YearMonth end) {

    /** @param yoyChange year-on-year change per month, m; a missing key or null value is a missing month */
    public static StableRun of(Map<YearMonth, Double> yoyChange, YearMonth end, double band) {
        int months = 0;
        YearMonth since = null;
        for (YearMonth m = end; isStable(yoyChange.get(m), band); m = m.minusMonths(1)) {
            months++;
            since = m;
        }
        return new StableRun(months, since, end);
    }

    private static boolean isStable(Double change, double band) {
        return change != null && Math.abs(change) <= band + 1e-9;
    }
}
