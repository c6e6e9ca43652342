package org.urad.envmon.ingest.decode.hj212;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.urad.envmon.ingest.decode.DecodeException;

/** Decimal numbers as HJ 212 writes them: optional sign, digits, optional fraction, no exponent. */
final class Hj212Numbers {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})");

    private Hj212Numbers() {}

    static double parse(Hj212Field field) throws DecodeException {
        if (!DECIMAL.matcher(field.value()).matches()) {
            throw Hj212Errors.badField(field.key(), field.value(), "not a decimal number");
        }
        return Double.parseDouble(field.value());
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
