package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pure cores behind the indicators. */
class IndicatorCoresTests {

    @Test
    void textThatLooksLikeAFormulaIsNeutralised() {
        assertThat(Columns.safe("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(Columns.safe("+1")).isEqualTo("'+1");
        assertThat(Columns.safe("-1")).isEqualTo("'-1");
        assertThat(Columns.safe("@SUM")).isEqualTo("'@SUM");
        assertThat(Columns.safe("≥ -0.5")).isEqualTo("≥ -0.5");
    }
}
