package org.urad.envmon.ingest.simulator;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongToDoubleFunction;

/**
 * The running total of a daily volume since 1 January 2015 (local days), as a closed function of
 * the day: prefix sums are kept per year, so any day's total costs one array lookup once its year is known.
 */
final class CumulativeVolume {

    private static final int FIRST_YEAR = 2015;

    private final LongToDoubleFunction dailyVolume;
    private final Map<Integer, double[]> years = new ConcurrentHashMap<>();

    CumulativeVolume(LongToDoubleFunction dailyVolume) {
        this.dailyVolume = dailyVolume;
    }

    /** The volume of all days before {@code epochDay}. */
    double before(long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        if (date.getYear() < FIRST_YEAR) {
            return 0;
        }
        return year(date.getYear())[date.getDayOfYear() - 1];
    }

    /** Totals at the start of each day of {@code year}, plus one entry for the year's end. */
    private double[] year(int year) {
        double[] cached = years.get(year);
        if (cached != null) {
            return cached;
        }
        double start = year == FIRST_YEAR ? 0 : last(year(year - 1));
        long first = LocalDate.of(year, 1, 1).toEpochDay();
        int days = LocalDate.of(year, 1, 1).lengthOfYear();
        double[] prefix = new double[days + 1];
        prefix[0] = start;
        for (int i = 0; i < days; i++) {
            prefix[i + 1] = prefix[i] + dailyVolume.applyAsDouble(first + i);
        }
        years.putIfAbsent(year, prefix);
        return prefix;
    }

    private static double last(double[] prefix) {
        return prefix[prefix.length - 1];
    }
}
