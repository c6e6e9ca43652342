package org.urad.envmon.ingest.bench;

import java.util.List;

/**
 * A soak's leak check, pure: the least-squares slope of a series (heap after GC, RSS) over the second half
 * of the run (the first half is warm-up: caches filling, the JIT, the pool), as a share of the series' level
 * per simulated day. A run whose slope projects more than {@code maxGrowthPerDay} fails.
 */
record Trend(int points, double slopePerDay, double level, double growthPerDay, Verdict verdict) {

    /** Fewer points than this in the second half say nothing. */
    static final int MIN_POINTS = 3;

    enum Verdict {
        OK,
        FAILED,
        TOO_FEW_POINTS
    }

    /** One sample: {@code day} is the simulated time since the start in days, {@code value} the measure. */
    record Point(double day, double value) {}

    /** Least-squares slope of value over day; 0 for fewer than two distinct days. */
    static double slope(List<Point> points) {
        int n = points.size();
        if (n < 2) {
            return 0;
        }
        double mx = points.stream().mapToDouble(Point::day).average().orElse(0);
        double my = points.stream().mapToDouble(Point::value).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (Point p : points) {
            sxy += (p.day() - mx) * (p.value() - my);
            sxx += (p.day() - mx) * (p.day() - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /** The points at or after the middle of the run (by simulated time). */
    static List<Point> secondHalf(List<Point> series) {
        if (series.isEmpty()) {
            return List.of();
        }
        double first = series.get(0).day();
        double last = series.get(series.size() - 1).day();
        double middle = first + (last - first) / 2;
        return series.stream().filter(p -> p.day() >= middle).toList();
    }

    /** Judges {@code series}: the second half's slope over its mean, against {@code maxGrowthPerDay} (0.10 = 10 %). */
    static Trend judge(List<Point> series, double maxGrowthPerDay) {
        List<Point> half = secondHalf(series);
        double level = half.stream().mapToDouble(Point::value).average().orElse(0);
        double slope = slope(half);
        double growth = level > 0 ? slope / level : 0;
        Verdict verdict = half.size() < MIN_POINTS
                ? Verdict.TOO_FEW_POINTS
                : growth > maxGrowthPerDay ? Verdict.FAILED : Verdict.OK;
        return new Trend(half.size(), slope, level, growth, verdict);
    }
}
