package org.urad.envmon.ingest.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated, versioned rule set: per-rule switches and parameter values, and overrides for
 * particular subjects (a device, well, zone, village or plant, matched by id or enterprise name).
 */
public record RuleSet(String version, Map<Rule, RuleSettings> rules, List<Override> overrides) {

    /** A rule's settings; {@code directions}: targets written with a direction ({@link TargetDirection}). */
    public record RuleSettings(boolean enabled, Map<String, Double> params, Map<String, TargetDirection> directions) {

        public RuleSettings(boolean enabled, Map<String, Double> params) {
            this(enabled, params, Map.of());
        }
    }

    /** Parameter values for one rule, applied where the subject matches one of its keys. */
    public record Override(
            Rule rule,
            String subject,
            Boolean enabled,
            Map<String, Double> params,
            Map<String, TargetDirection> directions) {

        public Override(Rule rule, String subject, Boolean enabled, Map<String, Double> params) {
            this(rule, subject, enabled, params, Map.of());
        }
    }

    public static RuleSet defaults() {
        return new RuleSet("defaults", Map.of(), List.of());
    }

    /**
     * The parameters for {@code rule} and a subject known by {@code keys} (e.g. device id, zone id,
     * enterprise): defaults, then the rule's settings, then matching overrides in file order.
     */
    public RuleParams params(Rule rule, Set<String> keys) {
        Map<String, Double> values = new HashMap<>(rule.defaults());
        Map<String, TargetDirection> directions = new HashMap<>();
        boolean enabled = true;
        RuleSettings settings = rules.get(rule);
        if (settings != null) {
            enabled = settings.enabled();
            values.putAll(settings.params());
            directions.putAll(settings.directions());
        }
        for (Override o : overrides) {
            if (o.rule() == rule && keys.contains(o.subject())) {
                values.putAll(o.params());
                directions.putAll(o.directions());
                if (o.enabled() != null) {
                    enabled = o.enabled();
                }
            }
        }
        return new RuleParams(rule, enabled, Map.copyOf(values), Map.copyOf(directions));
    }

    public RuleParams params(Rule rule, String... keys) {
        return params(rule, Set.of(keys));
    }
}
