package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * WELL_QUOTA on the totals, item (八).2: each village's year-to-date metered abstraction against
 * its annual allocation, each zone's against its annual cap, as abstraction_totals (V16) sums them
 * over every registered well, inactive ones included (the extract and the panels read the same totals);
 * a well's volume is the sum of the rises between its successive valid cumulative readings from the
 * last one before the year, so a meter reset or replacement does not make it negative.
 */
final class QuotaTotals {

    private static final String VOLUMES = """
            SELECT level, id, name, zone_id, allocation_m3, volume_m3 FROM abstraction_totals(?, ?)
            WHERE allocation_m3 IS NOT NULL
            """;

    private final JdbcTemplate jdbc;
    private final Supplier<RuleSet> rules;

    QuotaTotals(JdbcTemplate jdbc, Supplier<RuleSet> rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    /** Totals from {@code yearStart} up to {@code asOf} (the year's end once it has closed). */
    List<RuleRunner.Judged> evaluate(Instant yearStart, Instant asOf) {
        RuleSet set = rules.get();
        List<RuleRunner.Judged> out = new ArrayList<>();
        Timestamp from = Timestamp.from(yearStart);
        jdbc.query(
                VOLUMES,
                rs -> {
                    boolean village = "village".equals(rs.getString(1));
                    String id = rs.getString(2);
                    String zoneId = rs.getString(4);
                    Subject subject =
                            Subject.of(village ? Subject.Kind.VILLAGE : Subject.Kind.ZONE, id, rs.getString(3));
                    RuleParams p = village ? set.params(Rule.WELL_QUOTA, id, zoneId) : set.params(Rule.WELL_QUOTA, id);
                    MeterRules.quota(subject, rs.getDouble(6), rs.getDouble(5), yearStart, asOf, p)
                            .ifPresent(v -> out.add(new RuleRunner.Judged(v, p)));
                },
                from,
                Timestamp.from(asOf));
        return out;
    }
}
