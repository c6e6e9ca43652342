package org.urad.envmon.ingest.extract;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.urad.envmon.ingest.rules.Rule;
import org.urad.envmon.ingest.rules.TargetDirection;

/**
 * The targets the extract shares with the rules, read from the rule set in force as the service published it
 * ({@code rule_param}, where the dashboards read them too); a parameter not published there is the rule's
 * default ({@link Rule#defaults()}), never a copy of the extract's own. Per-subject overrides are the rules'
 * alone: the extract judges every subject against the rule set's own value.
 */
record RuleTargets(Map<String, Double> values, Map<String, TargetDirection> directions) {

    static RuleTargets read(NamedParameterJdbcTemplate jdbc) {
        Map<String, Double> values = new HashMap<>();
        Map<String, TargetDirection> directions = new HashMap<>();
        for (Rule rule : Rule.values()) {
            rule.defaults().forEach((name, value) -> values.put(key(rule, name), value));
            rule.targets().forEach((name, d) -> directions.put(key(rule, name), d));
        }
        jdbc.query("SELECT rule_id, name, value, direction FROM rule_param", new MapSqlParameterSource(), rs -> {
            Rule rule = Rule.fromId(rs.getString("rule_id")).orElse(null);
            if (rule == null) {
                return;
            }
            String key = key(rule, rs.getString("name"));
            values.put(key, rs.getDouble("value"));
            String written = rs.getString("direction");
            if (written != null) {
                TargetDirection.parse(written + " 0").ifPresent(w -> directions.put(key, w.direction()));
            }
        });
        return new RuleTargets(Map.copyOf(values), Map.copyOf(directions));
    }

    double get(Rule rule, String name) {
        Double v = values.get(key(rule, name));
        if (v == null) {
            throw new IllegalArgumentException(rule + " has no parameter " + name);
        }
        return v;
    }

    /** The target {@code name} of {@code rule} as the extract writes it, e.g. "≥ 98". */
    String written(Rule rule, String name, int decimals) {
        return direction(rule, name).symbol() + " " + Sentences.num(get(rule, name), decimals);
    }

    /** Whether {@code value} meets the target {@code name} of {@code rule}, in the rule's direction. */
    boolean met(Rule rule, String name, double value) {
        return direction(rule, name).met(value, get(rule, name));
    }

    private TargetDirection direction(Rule rule, String name) {
        TargetDirection d = directions.get(key(rule, name));
        if (d == null) {
            throw new IllegalArgumentException(rule + " has no target " + name);
        }
        return d;
    }

    private static String key(Rule rule, String name) {
        return rule.name() + "/" + name;
    }
}
