package org.urad.envmon.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.support.MigratedDatabase;

/**
 * Verifies that the rule set's per-subject overrides, as the service publishes them (rule_param_override, V31), give
 * the extract and the dashboards the value and direction the rules judge by: {@code rule_param_for} and
 * {@code rule_param_direction_for} agree with {@link RuleSet#params} for every subject key combination on a rule
 * set whose overrides overlap (device over enterprise and the reverse, zone, village, a later override of the same
 * subject, a direction written once and a number after it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleParamOverridesIntegrationTests {

    private static final String OVERLAPPING = """
            {
              "version": "overlap-1",
              "rules": {
                "DEVICE_SILENT": { "params": { "intervals": 4 } },
                "WQ_TRANSMISSION_RATE": { "params": { "target_pct": "> 97" } },
                "WELL_QUOTA": { "params": { "warn_share": 0.8 } }
              },
              "overrides": [
                { "rule": "DEVICE_SILENT", "subject": "E1", "params": { "intervals": 6, "clear_share": 0.25 } },
                { "rule": "DEVICE_SILENT", "subject": "D1", "params": { "intervals": 2 } },
                { "rule": "DEVICE_SILENT", "subject": "Z1", "params": { "intervals": 9 } },
                { "rule": "DEVICE_SILENT", "subject": "E2", "params": { "intervals": 5 } },
                { "rule": "DEVICE_SILENT", "subject": "D1", "enabled": false },
                { "rule": "WQ_TRANSMISSION_RATE", "subject": "E1", "params": { "target_pct": "≥ 90" } },
                { "rule": "WQ_TRANSMISSION_RATE", "subject": "D1", "params": { "target_pct": 95 } },
                { "rule": "WQ_TRANSMISSION_RATE", "subject": "D2", "params": { "target_pct": "> 80" } },
                { "rule": "WQ_TRANSMISSION_RATE", "subject": "E1", "params": { "resolve_after": 3 } },
                { "rule": "WELL_QUOTA", "subject": "V1", "params": { "warn_share": 0.5, "breach_share": 0.7 } },
                { "rule": "WELL_QUOTA", "subject": "Z1", "params": { "breach_share": 0.95 } },
                { "rule": "WELL_QUOTA", "subject": "D1", "params": { "warn_share": 0.6 } },
                { "rule": "WELL_QUOTA", "subject": "V1", "params": { "warn_share": 0.55 } },
                { "rule": "GW_YOY_DECLINE", "subject": "Z2", "params": { "decline_m": 1.5 } },
                { "rule": "GW_YOY_DECLINE", "subject": "Z1", "params": { "decline_m": 0.8 } }
              ]
            }
            """;

    private static final List<String> KEYS = List.of("D1", "D2", "E1", "E2", "V1", "Z1", "Z2", "X");

    private MigratedDatabase database;
    private JdbcTemplate jdbc;
    private RuleCatalogue catalogue;

    @BeforeAll
    void setUp() {
        database = MigratedDatabase.create("overrides");
        jdbc = new JdbcTemplate(database.dataSource());
        catalogue = new RuleCatalogue(jdbc);
    }

    @AfterAll
    void tearDown() {
        database.close();
    }

    @Test
    void sqlResolvesEveryParameterForEverySubjectAsTheRuleSetDoes() {
        assertThat(catalogue.load(OVERLAPPING, "test")).isNull();
        RuleSet set = catalogue.current();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rule_param_override", Long.class))
                .isEqualTo(16L);

        int compared = 0;
        int overridden = 0;
        for (Set<String> keys : subsets()) {
            String[] array = keys.toArray(String[]::new);
            for (Map<String, Object> row : jdbc.queryForList(
                    "SELECT rule_id, name, rule_param_for(rule_id, name, VARIADIC ?::text[]) AS value,"
                            + " rule_param_direction_for(rule_id, name, VARIADIC ?::text[]) AS direction"
                            + " FROM rule_param",
                    array,
                    array)) {
                Rule rule = Rule.valueOf((String) row.get("rule_id"));
                String name = (String) row.get("name");
                RuleParams java = set.params(rule, keys);
                assertThat(((Number) row.get("value")).doubleValue())
                        .as("%s.%s for %s", rule, name, keys)
                        .isEqualTo(java.get(name));
                assertThat(row.get("direction"))
                        .as("direction of %s.%s for %s", rule, name, keys)
                        .isEqualTo(
                                rule.targets().containsKey(name)
                                        ? java.direction(name).symbol()
                                        : null);
                compared++;
                overridden += java.get(name) != set.params(rule).get(name) ? 1 : 0;
            }
        }
        // the comparison covered subjects whose values the overrides change, not only the rule set's own
        assertThat(compared).isGreaterThan(1000);
        assertThat(overridden).isGreaterThan(100);
        // spot checks of the precedence both follow: file order, the last matching override wins per parameter
        assertThat(set.params(Rule.DEVICE_SILENT, "D1", "E1").get("intervals")).isEqualTo(2.0);
        assertThat(set.params(Rule.DEVICE_SILENT, "D1", "E1", "Z1").get("intervals"))
                .isEqualTo(9.0);
        assertThat(set.params(Rule.WELL_QUOTA, "D1", "V1", "Z1").get("warn_share"))
                .isEqualTo(0.55);
        assertThat(set.params(Rule.WQ_TRANSMISSION_RATE, "D1", "E1").direction("target_pct"))
                .isEqualTo(TargetDirection.parse("≥ 0").orElseThrow().direction());
    }

    @Test
    void aNewRuleSetReplacesThePublishedOverrides() {
        assertThat(catalogue.load(OVERLAPPING, "test")).isNull();
        assertThat(sqlValue("DEVICE_SILENT", "intervals", "D1")).isEqualTo(2.0);

        String plain = OVERLAPPING.substring(0, OVERLAPPING.indexOf("\"overrides\"")) + "\"overrides\": [] }";
        assertThat(catalogue.load(plain.replace("overlap-1", "plain"), "test")).isNull();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM rule_param_override", Long.class))
                .isZero();
        assertThat(sqlValue("DEVICE_SILENT", "intervals", "D1")).isEqualTo(4.0);
        // a refused rule set leaves the published overrides as they were
        assertThat(catalogue.load(OVERLAPPING, "test")).isNull();
        assertThat(catalogue.load(OVERLAPPING.replace("\"intervals\": 2", "\"intervals\": -2"), "test"))
                .isNotNull();
        assertThat(sqlValue("DEVICE_SILENT", "intervals", "D1")).isEqualTo(2.0);
    }

    private Double sqlValue(String rule, String name, String... keys) {
        return jdbc.queryForObject("SELECT rule_param_for(?, ?, VARIADIC ?::text[])", Double.class, rule, name, keys);
    }

    /** Every subset of {@link #KEYS}: a subject known by any of them. */
    private static List<Set<String>> subsets() {
        List<Set<String>> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << KEYS.size(); mask++) {
            Set<String> s = new LinkedHashSet<>();
            for (int i = 0; i < KEYS.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(KEYS.get(i));
                }
            }
            out.add(s);
        }
        return out;
    }
}
