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
            Params p = params(rule, node.path("params"), "rules." + rule);
            rules.put(rule, new RuleSet.RuleSettings(node.path("enabled").asBoolean(true), p.values(), p.directions()));
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
            Params p = params(rule, node.path("params"), where);
            overrides.add(new RuleSet.Override(rule, subject, enabled, p.values(), p.directions()));
        }
        return new RuleSet(version, Map.copyOf(rules), List.copyOf(overrides));
    }

    private static Rule rule(String id, String where) {
        return Rule.fromId(id).orElseThrow(() -> new InvalidRuleSetException(where + ": unknown rule \"" + id + "\""));
    }

    private record Params(Map<String, Double> values, Map<String, TargetDirection> directions) {}

    /**
     * Parameter values: non-negative numbers; a target ({@link Rule#targets()}) may also be written with a
     * direction of the rule's sense, {@code "≥ 98"} or {@code "> 98"} for an at-least target.
     */
    private static Params params(Rule rule, JsonNode node, String where) {
        Map<String, Double> out = new HashMap<>();
        Map<String, TargetDirection> directions = new HashMap<>();
        Map<String, Double> known = rule.defaults();
        for (var entry : node.properties()) {
            String name = entry.getKey();
            if (!known.containsKey(name)) {
                throw new InvalidRuleSetException(
                        where + ": " + rule + " has no parameter \"" + name + "\" (known: " + known.keySet() + ")");
            }
            JsonNode v = entry.getValue();
            if (v.isString()) {
                TargetDirection.Written t = written(rule, name, v.asString(), where);
                directions.put(name, t.direction());
                out.put(name, t.value());
                continue;
            }
            if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
                throw new InvalidRuleSetException(where + "." + name + ": must be a non-negative number, was " + v);
            }
            out.put(name, v.asDouble());
        }
        return new Params(Map.copyOf(out), Map.copyOf(directions));
    }

    private static TargetDirection.Written written(Rule rule, String name, String text, String where) {
        TargetDirection own = rule.targets().get(name);
        if (own == null) {
            throw new InvalidRuleSetException(where + "." + name + ": not a target, give a number (targets of " + rule
                    + ": " + rule.targets().keySet() + ")");
        }
        TargetDirection.Written t = TargetDirection.parse(text)
                .orElseThrow(() -> new InvalidRuleSetException(
                        where + "." + name + ": a target is a number or a direction and a number (\"≥ 98\", \"< 10\"),"
                                + " was \"" + text + "\""));
        if (t.direction().atLeast() != own.atLeast()) {
            throw new InvalidRuleSetException(where + "." + name + ": " + rule + " judges it as "
                    + (own.atLeast() ? "at least (≥ or >)" : "at most (≤ or <)") + ", was \"" + text + "\"");
        }
        return t;
    }

    /** A rule set that cannot be used; the message says where and why. */
    public static final class InvalidRuleSetException extends RuntimeException {
        public InvalidRuleSetException(String message) {
            super(message, null, false, false);
        }
    }
}
