package org.urad.envmon.ingest.rules;

import java.util.Map;

/** The parameter values in force for one rule and one subject, after overrides. */
public record RuleParams(Rule rule, boolean enabled, Map<String, Double> values) {

    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(rule + " has no parameter " + name);
        }
        return v;
    }

    public int resolveAfter() {
        return (int) Math.max(1, Math.round(get("resolve_after")));
    }

    public static RuleParams defaults(Rule rule) {
        return new RuleParams(rule, true, rule.defaults());
    }
}
