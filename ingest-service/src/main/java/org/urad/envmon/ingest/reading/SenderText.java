package org.urad.envmon.ingest.reading;

/**
 * Text that came from a sender, made safe to store, log or show: NUL and other control characters
 * and lone surrogates are written as {@code \}{@code uXXXX} escapes (PostgreSQL text cannot hold NUL;
 * a terminal or log viewer must not interpret them), and the result is bounded in length.
 */
public final class SenderText {

    private static final String ELLIPSIS = " …";

    private SenderText() {}

    /**
     * The text with control characters and lone surrogates escaped, cut to at most {@code maxChars}
     * characters (an ellipsis marks the cut); {@code null} stays {@code null}.
     */
    public static String clean(String s, int maxChars) {
        if (s == null || isClean(s, maxChars)) {
            return s;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxChars) + 8);
        int i = 0;
        for (; i < s.length() && out.length() <= maxChars; i++) {
            char c = s.charAt(i);
            if (needsEscape(s, i)) {
                out.append("\\u%04x".formatted((int) c));
            } else {
                out.append(c);
            }
        }
        if (i == s.length() && out.length() <= maxChars) {
            return out.toString();
        }
        int cut = Math.max(0, maxChars - ELLIPSIS.length());
        if (cut > 0 && Character.isHighSurrogate(out.charAt(cut - 1))) {
            cut--;
        }
        out.setLength(cut);
        return out.append(ELLIPSIS).toString();
    }

    private static boolean isClean(String s, int maxChars) {
        if (s.length() > maxChars) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (needsEscape(s, i)) {
                return false;
            }
            if (Character.isHighSurrogate(s.charAt(i))) {
                i++;
            }
        }
        return true;
    }

    /** A control character, or a surrogate that is not half of a pair. */
    private static boolean needsEscape(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20 || c == 0x7f) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }
}
