package org.urad.envmon.ingest.registry;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The columns in which two rows of a seed file differ, read as "column: before → after". Pure. */
final class SeedDiff {

    private SeedDiff() {}

    static List<String> changes(SeedRow before, SeedRow after) {
        List<String> out = new ArrayList<>();
        for (String column : after.values().keySet()) {
            String a = before.optional(column);
            String b = after.optional(column);
            if (!same(a, b)) {
                boolean secret = column.equals("password");
                out.add("%s: %s → %s".formatted(column, show(a, secret), show(b, secret)));
            }
        }
        return out;
    }

    static boolean same(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            // not numbers
        }
        if (a.startsWith("P") && b.startsWith("P")) {
            try {
                return Duration.parse(a).equals(Duration.parse(b));
            } catch (RuntimeException e) {
                return false;
            }
        }
        return a.equalsIgnoreCase(b) && (a.equalsIgnoreCase("true") || a.equalsIgnoreCase("false"));
    }

    private static String show(String value, boolean secret) {
        if (value == null) {
            return "∅";
        }
        return secret ? "****" : value;
    }
}
