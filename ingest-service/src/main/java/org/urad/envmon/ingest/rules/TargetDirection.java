package org.urad.envmon.ingest.rules;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a figure meets its target: at least ({@code ≥}, or strictly {@code >}) or at most ({@code ≤}, or
 * strictly {@code <}), as in "有效传输率 ≥ 98 %" or "超载率 < 10 %". A rule-set parameter that is a target may
 * be written with one ({@code "target_pct": "> 98"}); its sense (at least or at most) is the rule's.
 */
public enum TargetDirection {
    GE("≥", true),
    GT(">", true),
    LE("≤", false),
    LT("<", false);

    private static final Pattern WRITTEN = Pattern.compile("\\s*(>=|<=|≥|≤|>|<)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%?\\s*");

    private final String symbol;
    private final boolean atLeast;

    TargetDirection(String symbol, boolean atLeast) {
        this.symbol = symbol;
        this.atLeast = atLeast;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether the target is a floor (≥, >) rather than a ceiling (≤, <). */
    public boolean atLeast() {
        return atLeast;
    }

    /** Whether {@code value} meets {@code target} in this direction. */
    public boolean met(double value, double target) {
        return switch (this) {
            case GE -> value >= target;
            case GT -> value > target;
            case LE -> value <= target;
            case LT -> value < target;
        };
    }

    /** A target as written in a rule set: a direction and a number. */
    public record Written(TargetDirection direction, double value) {}

    /** {@code "≥ 98"}, {@code ">= 98"}, {@code "< 10 %"} and the like; empty when the text is not one. */
    public static Optional<Written> parse(String text) {
        Matcher m = WRITTEN.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        TargetDirection d = switch (m.group(1)) {
            case ">=", "≥" -> GE;
            case ">" -> GT;
            case "<=", "≤" -> LE;
            default -> LT;
        };
        return Optional.of(new Written(d, Double.parseDouble(m.group(2))));
    }
}
