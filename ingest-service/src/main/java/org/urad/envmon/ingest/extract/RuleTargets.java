package org.urad.envmon.ingest.extract;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.urad.envmon.ingest.rules.Rule;
import org.urad.envmon.ingest.rules.TargetDirection;

/**
 * The targets the extract shares with the rules, read from the rule set in force as the service published it
 * ({@code rule_param}, where the dashboards read them too); a parameter not published there is the rule's
 * default ({@link Rule#defaults()}), never a copy of the extract's own. A subject's targets ({@link #of}) take
 * the rule set's overrides for it as {@code rule_param_for} (V31) resolves them, the precedence the rules use.
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

    /**
     * The targets for a subject known by {@code keys} (device id, enterprise, zone id, ... as the rule judging it
     * passes them): where an override of the rule set matches one of the keys, the value and direction in force
     * as {@code rule_param_for} and {@code rule_param_direction_for} (V31) resolve them; elsewhere these.
     */
    RuleTargets of(NamedParameterJdbcTemplate jdbc, String... keys) {
        List<String> known = Arrays.stream(keys).filter(Objects::nonNull).toList();
        if (known.isEmpty()) {
            return this;
        }
        Map<String, Double> v = new HashMap<>(values);
        Map<String, TargetDirection> d = new HashMap<>(directions);
        jdbc.query(
                "SELECT o.rule_id, o.name, rule_param_for(o.rule_id, o.name, VARIADIC CAST(ARRAY[:keys] AS text[])) AS value,"
                        + " rule_param_direction_for(o.rule_id, o.name, VARIADIC CAST(ARRAY[:keys] AS text[])) AS direction"
                        + " FROM (SELECT DISTINCT rule_id, name FROM rule_param_override"
                        + " WHERE subject = ANY (CAST(ARRAY[:keys] AS text[]))) o",
                new MapSqlParameterSource("keys", known),
                rs -> {
                    Rule rule = Rule.fromId(rs.getString("rule_id")).orElse(null);
                    if (rule == null) {
                        return;
                    }
                    String key = key(rule, rs.getString("name"));
                    v.put(key, rs.getDouble("value"));
                    String written = rs.getString("direction");
                    if (written != null) {
                        TargetDirection.parse(written + " 0").ifPresent(w -> d.put(key, w.direction()));
                    }
                });
        return new RuleTargets(Map.copyOf(v), Map.copyOf(d));
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
