package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class Hj212NumbersTests {

    /** The grammar as written in the standard's terms. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})");

    @Test
    void acceptsExactlyTheDecimalGrammar() {
        for (String text : new String[] {
            "0",
            "-1",
            "+1",
            "12.5",
            "5.",
            ".5",
            "-.5",
            "",
            "-",
            ".",
            "+.",
            "1e3",
            "1.2.3",
            "١٢",
            " 1",
            "1 ",
            "1".repeat(30),
            "1".repeat(31),
            "." + "1".repeat(30),
            "." + "1".repeat(31),
            "1." + "0".repeat(31)
        }) {
            assertThat(Hj212Numbers.isDecimal(text))
                    .as(text.toString())
                    .isEqualTo(DECIMAL.matcher(text).matches());
        }
        Random random = new Random(212);
        String alphabet = "0123456789.-+e ";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 10 : alphabet.length())));
            }
            assertThat(Hj212Numbers.isDecimal(text.toString()))
                    .as(text.toString())
                    .isEqualTo(DECIMAL.matcher(text).matches());
        }
    }
}
