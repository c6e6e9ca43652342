package org.urad.envmon.ingest.decode.hj212;

import java.math.BigDecimal;
import org.urad.envmon.ingest.decode.DecodeException;

/** Decimal numbers as HJ 212 writes them: optional sign, digits, optional fraction, no exponent. */
final class Hj212Numbers {

    private static final int MAX_DIGITS = 30;

    private Hj212Numbers() {}

    static double parse(Hj212Field field) throws DecodeException {
        if (!isDecimal(field.value())) {
            throw Hj212Errors.badField(field.key(), field.value(), "not a decimal number");
        }
        return Double.parseDouble(field.value());
    }

    /** {@code [-+]?(\d{1,30}(\.\d{0,30})?|\.\d{1,30})}, scanned: it runs for every value of every frame. */
    static boolean isDecimal(String text) {
        int n = text.length();
        int i = n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        int integer = digits(text, i);
        i += integer;
        int fraction = 0;
        boolean point = i < n && text.charAt(i) == '.';
        if (point) {
            fraction = digits(text, i + 1);
            i += 1 + fraction;
        }
        return i == n && integer <= MAX_DIGITS && fraction <= MAX_DIGITS && (integer > 0 || (point && fraction > 0));
    }

    /** How many ASCII digits follow from {@code from}. */
    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    /** The shortest plain decimal that reads back as exactly {@code value}. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("HJ 212 cannot carry " + value);
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
