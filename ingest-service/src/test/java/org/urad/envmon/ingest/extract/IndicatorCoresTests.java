package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure cores behind the indicators: meter volumes, calibration deviation. */
class IndicatorCoresTests {

    @Test
    void meterVolumeSumsPositiveDifferencesAcrossAReset() {
        // day 1: 100 → 150; day 2: 160 → 300, reset to 0, → 40; day 3: 40 → 90
        List<MeterVolume.Bucket> buckets = List.of(
                new MeterVolume.Bucket(100, 150, 100.0, 150.0),
                new MeterVolume.Bucket(160, 40, 0.0, 300.0),
                new MeterVolume.Bucket(40, 90, 40.0, 90.0));
        assertThat(MeterVolume.of(buckets)).isEqualTo(50 + 10 + 140 + 40 + 50);
    }

    @Test
    void meterReplacedBetweenDaysDoesNotGoNegative() {
        List<MeterVolume.Bucket> buckets =
                List.of(new MeterVolume.Bucket(5000, 5100, 5000.0, 5100.0), new MeterVolume.Bucket(3, 20, 3.0, 20.0));
        assertThat(MeterVolume.of(buckets)).isEqualTo(100 + 17);
    }

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
