package org.urad.envmon.ingest.registry;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * One data row of a seed file. The typed getters record a problem naming file, line and column
 * and return {@code null} when a value is missing or malformed, so one pass reports every problem.
 */
record SeedRow(String file, int line, Map<String, String> values, List<String> problems) {

    void problem(String message) {
        problems.add("%s line %d: %s".formatted(file, line, message));
    }

    /** A value that may be empty ({@code null} then). */
    String optional(String column) {
        String value = values.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    String text(String column) {
        String value = optional(column);
        if (value == null) {
            problem("empty " + column);
        }
        return value;
    }

    Double optionalNumber(String column) {
        String value = optional(column);
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem("bad number in %s: '%s'".formatted(column, value));
        return null;
    }

    Double number(String column) {
        if (optional(column) == null) {
            problem("empty " + column);
            return null;
        }
        return optionalNumber(column);
    }

    Boolean bool(String column) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem("%s must be true or false, not '%s'".formatted(column, value));
                yield null;
            }
        };
    }

    Duration duration(String column) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(value);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem("%s must be a positive ISO-8601 duration such as PT1H or PT5M, not '%s'".formatted(column, value));
        return null;
    }

    String oneOf(String column, List<String> allowed) {
        String value = text(column);
        if (value != null && !allowed.contains(value)) {
            problem("unknown %s '%s' (expected one of %s)".formatted(column, value, String.join(", ", allowed)));
            return null;
        }
        return value;
    }
}
