package org.urad.envmon.ingest.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A small line chart of readings, drawn as SVG coordinates on the server (no script in the page): the line,
 * the value axis' ends, the time axis' ends, the target as a dashed line when it is in the readings' unit,
 * and the alert's period as a shaded band. Pure: numbers in, coordinates out.
 */
record ReadingChart(
        String points,
        String low,
        String high,
        String from,
        String to,
        Double targetY,
        double bandX,
        double bandWidth,
        int count) {

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    static final int LEFT = 60;
    static final int RIGHT = 10;
    static final int TOP = 10;
    static final int BOTTOM = 30;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    record Point(Instant t, double value) {}

    /**
     * @param target drawn when not null and inside or near the readings' range
     * @param bandStart start of the shaded period (clamped to the window), or null
     */
    static ReadingChart of(
            List<Point> readings,
            Instant windowStart,
            Instant windowEnd,
            Double target,
            Instant bandStart,
            Instant bandEnd,
            ZoneId zone) {
        double min = readings.stream().mapToDouble(Point::value).min().orElse(0);
        double max = readings.stream().mapToDouble(Point::value).max().orElse(1);
        if (target != null) {
            min = Math.min(min, target);
            max = Math.max(max, target);
        }
        if (max - min < 1e-9) {
            min -= 1;
            max += 1;
        }
        double span = windowEnd.toEpochMilli() - windowStart.toEpochMilli();
        double lo = min;
        double hi = max;
        String points = readings.stream()
                .map(p -> fmt(x(p.t(), windowStart, span)) + "," + fmt(y(p.value(), lo, hi)))
                .collect(Collectors.joining(" "));
        double bandX = 0;
        double bandWidth = 0;
        if (bandStart != null) {
            Instant end = bandEnd == null ? bandStart : bandEnd;
            bandX = x(bandStart.isBefore(windowStart) ? windowStart : bandStart, windowStart, span);
            double endX = x(end.isAfter(windowEnd) ? windowEnd : end, windowStart, span);
            bandWidth = Math.max(2, endX - bandX);
        }
        return new ReadingChart(
                points,
                label(lo),
                label(hi),
                TIME.format(windowStart.atZone(zone)),
                TIME.format(windowEnd.atZone(zone)),
                target == null ? null : y(target, lo, hi),
                bandX,
                bandWidth,
                readings.size());
    }

    static double x(Instant t, Instant start, double span) {
        double share = span <= 0 ? 0 : (t.toEpochMilli() - start.toEpochMilli()) / span;
        return LEFT + Math.max(0, Math.min(1, share)) * (WIDTH - LEFT - RIGHT);
    }

    static double y(double value, double min, double max) {
        return TOP + (1 - (value - min) / (max - min)) * (HEIGHT - TOP - BOTTOM);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int top() {
        return TOP;
    }

    public int bottom() {
        return HEIGHT - BOTTOM;
    }

    private static String fmt(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String label(double v) {
        return BigDecimal.valueOf(v)
                .round(new java.math.MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }
}
