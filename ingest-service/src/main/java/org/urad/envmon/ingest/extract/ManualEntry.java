package org.urad.envmon.ingest.extract;

import java.time.LocalDate;

/**
 * An indicator no device measures, entered by hand (forest coverage, grassland vegetation cover,
 * irrigation-water utilisation coefficient, ...).
 *
 * @param target optional; when given, met means value ≥ target ({@code direction} {@code ge}, the default)
 *     or value ≤ target ({@code le})
 * @param direction {@code ge} (at least the target) or {@code le} (at most the target); null means {@code ge}
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

    public ManualEntry {
        direction = direction == null || direction.isBlank() ? AT_LEAST : direction.strip();
    }

    /** {@code ≥} or {@code ≤}. */
    public String sign() {
        return AT_MOST.equals(direction) ? "≤" : "≥";
    }

    /** Whether the value meets the target, or null without a target. */
    public Boolean met() {
        if (target == null || value == null) {
            return null;
        }
        return AT_MOST.equals(direction) ? value <= target : value >= target;
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
        if (!AT_LEAST.equals(direction) && !AT_MOST.equals(direction)) {
            return "direction must be ge (at least the target) or le (at most the target)";
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
