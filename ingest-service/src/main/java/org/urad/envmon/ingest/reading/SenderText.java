package org.urad.envmon.ingest.reading;

import java.util.Locale;

/**
 * Makes text a sender controls safe to store and log: control characters (below U+0020, and U+007F),
 * NUL included, and lone surrogates are written as {@code \}{@code uXXXX}; text longer than {@code maxChars}
 * is cut there (never inside an escape or a surrogate pair) and marked with {@code " …"}.
 */
public final class SenderText {

    private static final String CUT = " …";

    private SenderText() {}

    /** {@code s} made printable and at most {@code maxChars} characters long plus the cut mark; null stays "null". */
    public static String clean(String s, int maxChars) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxChars) + CUT.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            String unit;
            if (pair) {
                unit = s.substring(i, i + 2);
            } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
                unit = String.format(Locale.ROOT, "\\u%04X", (int) c);
            } else {
                unit = String.valueOf(c);
            }
            if (out.length() + unit.length() > maxChars) {
                return out.append(CUT).toString();
            }
            out.append(unit);
            i += pair ? 2 : 1;
        }
        return out.toString();
    }
}
