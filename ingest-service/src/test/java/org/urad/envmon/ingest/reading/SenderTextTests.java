package org.urad.envmon.ingest.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Verifies that sender text is escaped and bounded before it is stored or logged. */
class SenderTextTests {

    private static final String BACKSLASH = "\\";

    @Test
    void escapesNulControlCharactersAndDelete() {
        assertThat(SenderText.clean("a\u0000b\r\n\u001F\u007Fc", 100))
                .isEqualTo("a" + BACKSLASH + "u0000b" + BACKSLASH + "u000D" + BACKSLASH + "u000A" + BACKSLASH + "u001F"
                        + BACKSLASH + "u007Fc");
    }

    @Test
    void escapesLoneSurrogatesButKeepsPairsAndOtherText() {
        String pair = "\uD83D\uDE00";
        assertThat(SenderText.clean("井" + pair + "\uD800x\uDC00", 100))
                .isEqualTo("井" + pair + BACKSLASH + "uD800x" + BACKSLASH + "uDC00");
    }

    @Test
    void leavesPrintableTextAlone() {
        assertThat(SenderText.clean("MN=010000A8900016F000169DC0; PW='x'", 100))
                .isEqualTo("MN=010000A8900016F000169DC0; PW='x'");
        assertThat(SenderText.clean(null, 10)).isEqualTo("null");
    }

    @Test
    void cutsLongTextNeverInsideAnEscapeOrAPair() {
        assertThat(SenderText.clean("abcdefghij", 4)).isEqualTo("abcd …");
        assertThat(SenderText.clean("abcd", 4)).isEqualTo("abcd");
        assertThat(SenderText.clean("ab\u0000cd", 5)).isEqualTo("ab …");
        assertThat(SenderText.clean("a\uD83D\uDE00", 2)).isEqualTo("a …");
        assertThat(SenderText.clean("x".repeat(100_000), 200)).hasSize(202);
    }
}
