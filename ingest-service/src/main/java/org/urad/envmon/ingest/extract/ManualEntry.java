package org.urad.envmon.ingest.extract;

import java.time.LocalDate;

/**
 * An indicator no device measures, entered by hand (forest coverage, grassland vegetation cover,
 * irrigation-water utilisation coefficient, ...).
 *
 * @param target optional; when given, met means value ≥ target
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
        String enteredBy) {

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
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
