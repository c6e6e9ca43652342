package org.urad.envmon.ingest.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderTextTests {

    @Test
    void leavesPlainTextAsItIs() {
        String s = "W0001 水位 gw_level 12.5 m";
        assertThat(SenderText.clean(s, 100)).isSameAs(s);
    }

    @Test
    void escapesNulAndOtherControlCharacters() {
        assertThat(SenderText.clean("a\u0000b\u001fc\u007fd\ne", 100)).isEqualTo("a\\u0000b\\u001fc\\u007fd\\u000ae");
    }

    @Test
    void escapesLoneSurrogatesButKeepsPairs() {
        String pair = "\uD83D\uDCA7"; // a droplet, outside the BMP
        assertThat(SenderText.clean("x" + pair + "\uD83D" + "y\uDCA7", 100)).isEqualTo("x" + pair + "\\ud83dy\\udca7");
    }

    @Test
    void boundsTheLengthAndMarksTheCut() {
        String cleaned = SenderText.clean("x".repeat(5000), 100);
        assertThat(cleaned).hasSize(100).endsWith(" …").startsWith("xxxx");
    }

    @Test
    void boundsTheLengthAfterEscaping() {
        String cleaned = SenderText.clean("\u0000".repeat(1000), 64);
        assertThat(cleaned.length()).isLessThanOrEqualTo(64);
        assertThat(cleaned).startsWith("\\u0000\\u0000").endsWith(" …");
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        String cleaned = SenderText.clean("ab" + "\uD83D\uDCA7".repeat(100), 10);
        assertThat(cleaned.length()).isLessThanOrEqualTo(10);
        String kept = cleaned.substring(0, cleaned.length() - 2);
        assertThat(kept.chars().filter(c -> Character.isHighSurrogate((char) c)).count())
                .isEqualTo(kept.chars()
                        .filter(c -> Character.isLowSurrogate((char) c))
                        .count());
    }

    @Test
    void keepsNull() {
        assertThat(SenderText.clean(null, 10)).isNull();
    }

    @Test
    void rejectionDetailsAreCleanedOnTheWayIn() {
        Rejection r = Rejection.of(RejectReason.MALFORMED_PAYLOAD, "field 'v' is \u0000" + "y".repeat(5000));
        assertThat(r.detail()).doesNotContain("\u0000").contains("\\u0000");
        assertThat(r.detail().length()).isLessThanOrEqualTo(Rejection.MAX_DETAIL);
    }
}
