package org.urad.envmon.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.bench.Trend.Point;
import org.urad.envmon.ingest.bench.Trend.Verdict;

class TrendTests {

    private static final double LIMIT = 0.10;

    /** A sample every half hour of simulated time for {@code days} days. */
    private static List<Point> series(double days, DoubleUnaryOperator value) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i <= Math.round(days * 48); i++) {
            points.add(new Point(i / 48.0, value.applyAsDouble(i / 48.0)));
        }
        return points;
    }

    /** Deterministic noise in [-amplitude, amplitude]. */
    private static double noise(double day, double amplitude) {
        return amplitude * Math.sin(day * 977.0);
    }

    @Test
    void theSlopeOfAStraightLineIsItsGradient() {
        assertThat(Trend.slope(List.of(new Point(0, 3), new Point(1, 5), new Point(2, 7), new Point(4, 11))))
                .isCloseTo(2.0, within(1e-12));
        assertThat(Trend.slope(List.of(new Point(1, 5)))).isZero();
    }

    @Test
    void aFlatNoisySeriesPasses() {
        Trend t = Trend.judge(series(1.25, d -> 200 + noise(d, 15)), LIMIT);

        assertThat(t.verdict()).isEqualTo(Verdict.OK);
        assertThat(Math.abs(t.growthPerDay())).isLessThan(LIMIT);
    }

    @Test
    void aSeriesRisingTwentyPercentADayFails() {
        Trend t = Trend.judge(series(1.25, d -> 200 * (1 + 0.2 * d) + noise(d, 5)), LIMIT);

        assertThat(t.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(t.growthPerDay()).isGreaterThan(LIMIT);
        assertThat(t.slopePerDay()).isCloseTo(40, within(5.0));
    }

    @Test
    void aRiseConfinedToTheWarmUpHalfPasses() {
        // climbs from 100 to 300 in the first half (caches filling), then flat
        Trend t = Trend.judge(series(1.0, d -> d < 0.5 ? 100 + 400 * d : 300), LIMIT);

        assertThat(t.verdict()).isEqualTo(Verdict.OK);
        assertThat(t.slopePerDay()).isCloseTo(0, within(1e-9));
    }

    @Test
    void aSlowRiseBelowTheLimitPassesAndTheSameRiseFailsATighterLimit() {
        List<Point> rising = series(1.0, d -> 500 * (1 + 0.05 * d));

        assertThat(Trend.judge(rising, LIMIT).verdict()).isEqualTo(Verdict.OK);
        assertThat(Trend.judge(rising, 0.02).verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void tooFewPointsInTheSecondHalfAreNotAVerdict() {
        Trend t = Trend.judge(List.of(new Point(0, 1), new Point(0.1, 50), new Point(0.2, 100)), LIMIT);

        assertThat(t.verdict()).isEqualTo(Verdict.TOO_FEW_POINTS);
        assertThat(t.points()).isEqualTo(2);
    }
}
