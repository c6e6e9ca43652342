package org.urad.envmon.ingest.rules;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.registry.Well;

/**
 * The quarterly groundwater rules for one quarter: GW_YOY_DECLINE (zones and wells),
 * GW_CONSECUTIVE_DECLINE (zones) and GW_BELOW_CONTROL_LEVEL on control wells' quarterly means.
 */
public final class GroundwaterQuarters {

    private final GroundwaterData data;
    private final Supplier<Registry> registry;
    private final Supplier<RuleSet> rules;
    private final QuarterClock clock;

    public GroundwaterQuarters(
            GroundwaterData data, Supplier<Registry> registry, Supplier<RuleSet> rules, QuarterClock clock) {
        this.data = data;
        this.registry = registry;
        this.rules = rules;
        this.clock = clock;
    }

    public List<RuleRunner.Judged> evaluate(YearMonth quarter) {
        GroundwaterData.Means means = data.means(quarter.minusYears(5), quarter.plusMonths(3), true);
        RuleSet set = rules.get();
        List<RuleRunner.Judged> out = new ArrayList<>();
        var start = clock.start(quarter);
        var end = clock.end(quarter);
        means.zones().forEach((zoneId, byQuarter) -> {
            Subject zone = Subject.of(Subject.Kind.ZONE, zoneId, zoneId);
            RuleParams yoy = set.params(Rule.GW_YOY_DECLINE, zoneId);
            GroundwaterRules.yoyDecline(zone, quarter, byQuarter, start, end, yoy)
                    .ifPresent(v -> out.add(new RuleRunner.Judged(v, yoy)));
            RuleParams run = set.params(Rule.GW_CONSECUTIVE_DECLINE, zoneId);
            GroundwaterRules.consecutiveDecline(zone, quarter, byQuarter, clock, run)
                    .ifPresent(v -> out.add(new RuleRunner.Judged(v, run)));
        });
        Registry reg = registry.get();
        means.wells().forEach((wellId, byQuarter) -> {
            Well well = reg.well(wellId).orElse(null);
            String zoneId = well == null ? "" : well.zoneId();
            Subject subject = Subject.of(
                    Subject.Kind.WELL,
                    wellId,
                    reg.device(wellId).map(Device::name).orElse(wellId));
            RuleParams yoy = set.params(Rule.GW_YOY_DECLINE, wellId, zoneId);
            GroundwaterRules.yoyDecline(subject, quarter, byQuarter, start, end, yoy)
                    .ifPresent(v -> out.add(new RuleRunner.Judged(v, yoy)));
        });
        for (GroundwaterData.ControlMargin m : data.controlMargins(start, end)) {
            if (m.level() == null) {
                continue;
            }
            Subject subject = Subject.of(
                    Subject.Kind.WELL,
                    m.wellId(),
                    reg.device(m.wellId()).map(Device::name).orElse(m.wellId()));
            RuleParams p = set.params(Rule.GW_BELOW_CONTROL_LEVEL, m.wellId(), m.zoneId());
            out.add(new RuleRunner.Judged(
                    GroundwaterRules.belowControlLevel(subject, m.level(), m.controlLevel(), start, end, p), p));
        }
        return out;
    }

    /** Quarter means are needed only where data exist; exposed for the indicator callers. */
    public Map<String, Map<YearMonth, Double>> zoneQuarterMeans(YearMonth from, YearMonth toExclusive) {
        return data.means(from, toExclusive, true).zones();
    }
}
