package org.urad.envmon.ingest.extract;

import java.time.LocalDate;

/**
 * An indicator no device measures, entered by hand (forest coverage, grassland vegetation cover,
 * irrigation-water utilisation coefficient, ...).
 *
 * @param target optional; when given, met means value ≥ target ({@code direction} {@code ge}, the default),
 *     value &gt; target ({@code gt}), value ≤ target ({@code le}) or value &lt; target ({@code lt}): "超载率 &lt; 10 %"
 *     is {@code lt} 10
 * @param direction {@code ge}, {@code gt}, {@code le} or {@code lt}; null means {@code ge}
 */
public record ManualEntry(
        String key,
        String nameZh,
        String nameEn,
        String item,
        Double value,
        String unit,
        Double target,
        String source,
        LocalDate asOf,
        String enteredBy,
        String direction) {

    public static final String AT_LEAST = "ge";
    public static final String AT_MOST = "le";
    public static final String ABOVE = "gt";
    public static final String BELOW = "lt";

    public ManualEntry {
        direction = direction == null || direction.isBlank() ? AT_LEAST : direction.strip();
    }

    /** {@code ≥}, {@code >}, {@code ≤} or {@code <}. */
    public String sign() {
        return switch (direction) {
            case AT_MOST -> "≤";
            case ABOVE -> ">";
            case BELOW -> "<";
            default -> "≥";
        };
    }

    /** Whether the value meets the target, or null without a target. */
    public Boolean met() {
        if (target == null || value == null) {
            return null;
        }
        return switch (direction) {
            case AT_MOST -> value <= target;
            case ABOVE -> value > target;
            case BELOW -> value < target;
            default -> value >= target;
        };
    }

    /** Why this entry cannot be stored, or null when it can. */
    public String problem() {
        if (blank(key) || !key.matches("[a-z][a-z0-9_]{0,63}")) {
            return "key must be lower_snake_case";
        }
        if (blank(nameZh) || value == null || !Double.isFinite(value) || unit == null) {
            return "nameZh, value and unit are required";
        }
        if (blank(source) || asOf == null || blank(enteredBy)) {
            return "source, asOf and enteredBy are required";
        }
        if (!java.util.List.of(AT_LEAST, ABOVE, AT_MOST, BELOW).contains(direction)) {
            return "direction must be ge (≥ the target), gt (>), le (≤) or lt (<)";
        }
        if (target != null && !Double.isFinite(target)) {
            return "target must be a number";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
