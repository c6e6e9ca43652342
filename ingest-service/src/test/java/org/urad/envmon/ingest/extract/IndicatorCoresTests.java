package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The pure cores behind the indicators: calibration deviation. */
class IndicatorCoresTests {

    @Test
    void calibrationDeviationUsesFullScaleThenReferenceThenRange() {
        assertThat(CalibrationDeviation.percent(101, 100, 200.0, 500.0)).isCloseTo(0.5, within(1e-9));
        assertThat(CalibrationDeviation.percent(40, 80, null, 500.0)).isCloseTo(50, within(1e-9));
        assertThat(CalibrationDeviation.percent(0.5, 0, null, 50.0)).isCloseTo(1, within(1e-9));
        assertThat(CalibrationDeviation.percent(0.5, 0, null, null)).isNull();
        assertThat(CalibrationDeviation.excess(50, 2.5)).isEqualTo(47.5);
        assertThat(CalibrationDeviation.excess(1, 2.5)).isZero();
    }

    @Test
    void textThatLooksLikeAFormulaIsNeutralised() {
        assertThat(Columns.safe("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(Columns.safe("+1")).isEqualTo("'+1");
        assertThat(Columns.safe("-1")).isEqualTo("'-1");
        assertThat(Columns.safe("@SUM")).isEqualTo("'@SUM");
        assertThat(Columns.safe("≥ -0.5")).isEqualTo("≥ -0.5");
    }
}
