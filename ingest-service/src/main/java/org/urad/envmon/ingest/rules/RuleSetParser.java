package org.urad.envmon.ingest.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates a rule-set document. Anything unknown or out of range is refused with a
 * message naming the place, so a bad edit never replaces the rule set in force.
 */
public final class RuleSetParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RuleSetParser() {}

    public static RuleSet parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidRuleSetException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRuleSetException("the rule set must be a JSON object");
        }
        String version = root.path("version").asString("");
        if (version.isBlank()) {
            throw new InvalidRuleSetException("\"version\" is missing");
        }
        Map<Rule, RuleSet.RuleSettings> rules = new EnumMap<>(Rule.class);
        for (var entry : root.path("rules").properties()) {
            Rule rule = rule(entry.getKey(), "rules");
            JsonNode node = entry.getValue();
            rules.put(
                    rule,
                    new RuleSet.RuleSettings(
                            node.path("enabled").asBoolean(true), params(rule, node.path("params"), "rules." + rule)));
        }
        List<RuleSet.Override> overrides = new ArrayList<>();
        int i = 0;
        for (JsonNode node : root.path("overrides")) {
            String where = "overrides[" + i++ + "]";
            Rule rule = rule(node.path("rule").asString(""), where);
            String subject = node.path("subject").asString("");
            if (subject.isBlank()) {
                throw new InvalidRuleSetException(where + ": \"subject\" is missing");
            }
            Boolean enabled = node.has("enabled") ? node.get("enabled").asBoolean() : null;
            overrides.add(new RuleSet.Override(rule, subject, enabled, params(rule, node.path("params"), where)));
        }
        return new RuleSet(version, Map.copyOf(rules), List.copyOf(overrides));
    }

    private static Rule rule(String id, String where) {
        return Rule.fromId(id).orElseThrow(() -> new InvalidRuleSetException(where + ": unknown rule \"" + id + "\""));
    }

    private static Map<String, Double> params(Rule rule, JsonNode node, String where) {
        Map<String, Double> out = new HashMap<>();
        Map<String, Double> known = rule.defaults();
        for (var entry : node.properties()) {
            String name = entry.getKey();
            if (!known.containsKey(name)) {
                throw new InvalidRuleSetException(
                        where + ": " + rule + " has no parameter \"" + name + "\" (known: " + known.keySet() + ")");
            }
            JsonNode v = entry.getValue();
            if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
                throw new InvalidRuleSetException(where + "." + name + ": must be a non-negative number, was " + v);
            }
            out.put(name, v.asDouble());
        }
        return Map.copyOf(out);
    }

    /** A rule set that cannot be used; the message says where and why. */
    public static final class InvalidRuleSetException extends RuntimeException {
        public InvalidRuleSetException(String message) {
            super(message, null, false, false);
        }
    }
}
