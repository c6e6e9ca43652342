package org.urad.envmon.ingest.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rule set in force. A new version replaces it only if it validates; otherwise it is refused
 * with a message naming the problem and the last good version stays. Every load attempt is recorded
 * in {@code rule_set_load} when a database is given, and the accepted set's own parameters (defaults
 * and rule settings) in {@code rule_param} and its per-subject overrides in {@code rule_param_override},
 * both in one transaction, where the extract and the dashboards read the targets they judge by
 * ({@code rule_param_for}, V31, resolves them for a subject as {@link RuleSet#params} does).
 */
public final class RuleCatalogue {

    private static final Logger log = LoggerFactory.getLogger(RuleCatalogue.class);

    private final AtomicReference<RuleSet> current = new AtomicReference<>(RuleSet.defaults());
    private final JdbcTemplate jdbc;

    public RuleCatalogue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public RuleSet current() {
        return current.get();
    }

    /** Tries {@code text} as the new rule set; returns {@code null} when taken, else the reason it was refused. */
    public String load(String text, String source) {
        String checksum = sha256(text);
        try {
            RuleSet next = RuleSetParser.parse(text);
            current.set(next);
            record(next.version(), checksum, source, true, null);
            publish(next);
            log.info("Rule set {} loaded from {}", next.version(), source);
            return null;
        } catch (RuleSetParser.InvalidRuleSetException e) {
            record(null, checksum, source, false, e.getMessage());
            log.error(
                    "Rule set from {} refused, keeping version {}: {}",
                    source,
                    current.get().version(),
                    e.getMessage());
            return e.getMessage();
        }
    }

    private void record(String version, String checksum, String source, boolean accepted, String problem) {
        if (jdbc == null) {
            return;
        }
        try {
            jdbc.update(
                    "INSERT INTO rule_set_load (version, checksum, source, accepted, problem) VALUES (?, ?, ?, ?, ?)",
                    version,
                    checksum,
                    source,
                    accepted,
                    problem);
        } catch (RuntimeException e) {
            log.warn("Could not record the rule-set load: {}", e.getMessage());
        }
    }

    private void publish(RuleSet set) {
        if (jdbc == null) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            RuleParams p = set.params(rule);
            p.values()
                    .forEach((name, value) -> rows.add(new Object[] {
                        rule.name(),
                        name,
                        value,
                        rule.targets().containsKey(name) ? p.direction(name).symbol() : null,
                        set.version()
                    }));
        }
        List<Object[]> overrides = new ArrayList<>();
        for (int ord = 0; ord < set.overrides().size(); ord++) {
            RuleSet.Override o = set.overrides().get(ord);
            for (var e : o.params().entrySet()) {
                TargetDirection d = o.directions().get(e.getKey());
                overrides.add(new Object[] {
                    ord,
                    o.rule().name(),
                    o.subject(),
                    e.getKey(),
                    e.getValue(),
                    d == null ? null : d.symbol(),
                    set.version()
                });
            }
        }
        try {
            new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
                    .executeWithoutResult(status -> {
                        jdbc.batchUpdate(
                                "INSERT INTO rule_param (rule_id, name, value, direction, version) VALUES (?, ?, ?, ?, ?)"
                                        + " ON CONFLICT (rule_id, name) DO UPDATE SET value = excluded.value,"
                                        + " direction = excluded.direction, version = excluded.version",
                                rows);
                        jdbc.update("DELETE FROM rule_param_override");
                        jdbc.batchUpdate(
                                "INSERT INTO rule_param_override (ord, rule_id, subject, name, value, direction, version)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                overrides);
                    });
        } catch (RuntimeException e) {
            log.warn("Could not publish the rule set's parameters: {}", e.getMessage());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
