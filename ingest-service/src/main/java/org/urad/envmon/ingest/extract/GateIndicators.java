package org.urad.envmon.ingest.extract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Item 25: automated flow measurement by section class, and how much of it actually reports. */
final class GateIndicators {

    private final NamedParameterJdbcTemplate jdbc;
    private final ExtractProperties settings;

    GateIndicators(NamedParameterJdbcTemplate jdbc, ExtractProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    private record ClassRow(String sectionClass, int total, int automated, int reporting) {}

    /** @param volumes the extract's meter volumes, whose canal totals this reads */
    List<Indicator> compute(ReportPeriod period, Instant now, MeterVolumes volumes) {
        List<ClassRow> rows = jdbc.query(
                "SELECT g.section_class, count(*) AS total,"
                        + " count(*) FILTER (WHERE g.automated) AS automated,"
                        + " count(*) FILTER (WHERE g.automated AND EXISTS (SELECT 1 FROM gate_reading_daily r"
                        + "     WHERE r.device_id = g.device_id AND r.n > 0 AND r.bucket >= :start AND r.bucket < :end))"
                        + "   AS reporting"
                        + " FROM gate g JOIN device d ON d.id = g.device_id WHERE d.active"
                        + " GROUP BY g.section_class ORDER BY g.section_class DESC",
                Sql.bounds(period, now),
                (rs, i) -> new ClassRow(
                        rs.getString("section_class"),
                        rs.getInt("total"),
                        rs.getInt("automated"),
                        rs.getInt("reporting")));
        List<Indicator> out = new ArrayList<>();
        out.addAll(canalVolumes(period, now, volumes));
        for (ClassRow r : rows) {
            boolean state = r.sectionClass().equals("state_managed");
            String zh = state ? "国管调度断面" : "群管直口渠断面";
            double target = state ? settings.stateManagedAutomatedShare() : settings.massManagedAutomatedShare();
            double share = Sql.percent(r.automated(), r.total());
            out.add(Indicator.of(Area.GATES, "25", "gate_automated_share", "自动测流占比", "automated share", "%")
                    .subject(r.sectionClass())
                    .value(share)
                    .target("≥ " + Sentences.num(target, 1), share >= target)
                    .note(r.automated() + " / " + r.total())
                    .sentence(Sentences.automatedShare(zh, r.automated(), r.total(), target))
                    .build());
            out.add(Indicator.of(
                            Area.GATES, "25", "gate_reporting_share", "自动测流闸门报送率", "automated gates reporting", "%")
                    .subject(r.sectionClass())
                    .value(r.automated() == 0 ? null : Sql.percent(r.reporting(), r.automated()))
                    .note(r.reporting() + " / " + r.automated())
                    .sentence(Sentences.reportingShare(period.labelZh(), zh, r.reporting(), r.automated()))
                    .build());
        }
        return out;
    }

    /**
     * Metered volume per canal over the period up to now ({@code canal_volume}, V25, V41): only the gates
     * flagged {@code counts_in_canal_total} are summed, so gates in series do not count the same water twice.
     */
    private static List<Indicator> canalVolumes(ReportPeriod period, Instant now, MeterVolumes volumes) {
        return volumes.canals(period.startInstant(), period.observedEnd(now)).stream()
                .map(c -> Indicator.of(Area.GATES, "25", "gate_canal_volume", "渠道过水量", "canal volume", "m3")
                        .subject(c.canal())
                        .value(c.volume())
                        .note(c.counted() + " / " + c.gates() + " gates counted")
                        .build())
                .toList();
    }
}
