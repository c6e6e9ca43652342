package org.urad.envmon.ingest.rules;

import java.util.Map;

/**
 * The parameter values in force for one rule and one subject, after overrides; {@code directions} those targets
 * the rule set wrote with a direction (the others keep the rule's, {@link Rule#targets()}).
 */
public record RuleParams(
        Rule rule, boolean enabled, Map<String, Double> values, Map<String, TargetDirection> directions) {

    public RuleParams(Rule rule, boolean enabled, Map<String, Double> values) {
        this(rule, enabled, values, Map.of());
    }

    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(rule + " has no parameter " + name);
        }
        return v;
    }

    /** The direction of the target parameter {@code name}. */
    public TargetDirection direction(String name) {
        TargetDirection d = directions.getOrDefault(name, rule.targets().get(name));
        if (d == null) {
            throw new IllegalArgumentException(rule + " has no target " + name);
        }
        return d;
    }

    public int resolveAfter() {
        return (int) Math.max(1, Math.round(get("resolve_after")));
    }

    public static RuleParams defaults(Rule rule) {
        return new RuleParams(rule, true, rule.defaults());
    }
}
