package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * WELL_QUOTA on the totals, item (八).2: each village's year-to-date metered abstraction against
 * its annual allocation, each zone's against its annual cap. A well's volume is the sum of the
 * rises between its successive valid cumulative readings from the last one before the year, so a
 * meter reset or replacement does not make it negative.
 */
final class QuotaTotals {

    private static final String VOLUMES = """
            WITH wells AS (
                SELECT w.device_id, w.village_id, w.zone_id, COALESCE(sum(GREATEST(x.rise, 0)), 0) AS ytd
                FROM well w
                LEFT JOIN LATERAL (
                    SELECT value - lag(value) OVER (ORDER BY ts) AS rise
                    FROM (SELECT value, ts FROM well_reading r
                          WHERE r.device_id = w.device_id AND r.parameter = 'volume_total' AND r.valid
                            AND r.period IN ('rt', 'min') AND r.ts >= ? AND r.ts < ?
                          UNION ALL
                          (SELECT value, ts FROM well_reading r
                           WHERE r.device_id = w.device_id AND r.parameter = 'volume_total' AND r.valid
                             AND r.period IN ('rt', 'min') AND r.ts < ? AND r.ts >= ?::timestamptz - INTERVAL '400 days'
                           ORDER BY ts DESC LIMIT 1)) s
                ) x ON true
                GROUP BY w.device_id, w.village_id, w.zone_id)
            SELECT 'village', v.id, v.name, v.zone_id, v.annual_allocation_m3, COALESCE(sum(wells.ytd), 0)
            FROM village v LEFT JOIN wells ON wells.village_id = v.id
            WHERE v.annual_allocation_m3 IS NOT NULL
            GROUP BY v.id, v.name, v.zone_id, v.annual_allocation_m3
            UNION ALL
            SELECT 'zone', z.id, z.name, z.id, z.annual_cap_m3, COALESCE(sum(wells.ytd), 0)
            FROM zone z LEFT JOIN wells ON wells.zone_id = z.id
            WHERE z.annual_cap_m3 IS NOT NULL
            GROUP BY z.id, z.name, z.annual_cap_m3
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
                Timestamp.from(asOf),
                from,
                from);
        return out;
    }
}
