package org.urad.envmon.ingest.extract;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Computes every indicator of the report for a period, from the registry and the aggregates. */
public final class Extractor {

    private final GroundwaterIndicators groundwater;
    private final AbstractionIndicators abstraction;
    private final GateIndicators gates;
    private final CemsIndicators cems;
    private final WaterQualityIndicators waterQuality;
    private final ManualIndicators manual;
    private final MarkSheet marks;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public Extractor(DataSource dataSource, ExtractProperties settings, Clock clock) {
        this(dataSource, dataSource, settings, clock);
    }

    /**
     * @param reads where the indicators are computed (a read-only replica will do)
     * @param writes where hand-entered indicators are stored (the primary)
     */
    public Extractor(DataSource reads, DataSource writes, ExtractProperties settings, Clock clock) {
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(reads);
        this.groundwater = new GroundwaterIndicators(jdbc, settings);
        this.abstraction = new AbstractionIndicators(jdbc, settings);
        this.gates = new GateIndicators(jdbc, settings);
        this.cems = new CemsIndicators(jdbc, settings);
        this.waterQuality = new WaterQualityIndicators(jdbc);
        this.manual = new ManualIndicators(jdbc, new NamedParameterJdbcTemplate(writes));
        this.marks = new MarkSheet(jdbc);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public ExtractReport extract(ReportPeriod period) {
        Instant now = clock.instant();
        RuleTargets targets = RuleTargets.read(jdbc);
        List<Indicator> all = new ArrayList<>();
        all.addAll(groundwater.compute(period, now, targets));
        MeterVolumes volumes = new MeterVolumes(jdbc);
        all.addAll(abstraction.compute(period, now, volumes));
        all.addAll(gates.compute(period, now, volumes));
        all.addAll(cems.compute(period, now));
        all.addAll(waterQuality.compute(period, now, targets));
        all.addAll(manual.compute(period));
        return new ExtractReport(period.label(), period.labelZh(), now, List.copyOf(all), marks.compute(period));
    }

    /** The latest hand-entered value of each indicator as of {@code day} (inclusive). */
    public List<ManualEntry> manualAsOf(java.time.LocalDate day) {
        return manual.asOf(new ReportPeriod("as-of", java.time.LocalDate.of(1900, 1, 1), day.plusDays(1)));
    }

    /** Stores a hand-entered indicator; returns its id. */
    public long addManual(ManualEntry entry) {
        String problem = entry.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return manual.insert(entry);
    }
}
