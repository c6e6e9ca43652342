package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies that text a spreadsheet would run as a formula is written as text in extracts. */
class FormulaInjectionTests {

    @ParameterizedTest
    @ValueSource(
            strings = {"=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"})
    void prefixesFormulaLookingText(String text) {
        assertThat(Columns.safe(text)).isEqualTo("'" + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"森林覆盖率", "12.6", "a=b", "W0001"})
    void leavesOrdinaryTextAlone(String text) {
        assertThat(Columns.safe(text)).isEqualTo(text);
    }
}
