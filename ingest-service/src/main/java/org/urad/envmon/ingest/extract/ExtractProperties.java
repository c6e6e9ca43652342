package org.urad.envmon.ingest.extract;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Targets behind the extract's met / not met that no rule judges, under {@code ingest.extract.*}. The targets
 * the rules judge too (transmission rate, year-on-year decline, decline quarters, calibration interval,
 * cold-water switch) come from the rule set ({@link RuleTargets}), the stable band from {@code indicator_setting}.
 *
 * @param gwStableTargetMonths run of stable months that meets the target
 * @param meterOnlineTarget share of registered well meters that should report, %
 * @param stateManagedAutomatedShare / massManagedAutomatedShare the report's automated shares, %
 * @param cemsCaptureTarget valid-hour capture rate target, %
 * @param maxPeriod longest period {@code GET /api/extracts} accepts (a longer one is refused with 400)
 */
@ConfigurationProperties("ingest.extract")
public record ExtractProperties(
        @DefaultValue("12") int gwStableTargetMonths,
        @DefaultValue("95") double meterOnlineTarget,
        @DefaultValue("62.2") double stateManagedAutomatedShare,
        @DefaultValue("5.2") double massManagedAutomatedShare,
        @DefaultValue("90") double cemsCaptureTarget,
        @DefaultValue("10y") Period maxPeriod) {

    public static ExtractProperties defaults() {
        return new ExtractProperties(12, 95, 62.2, 5.2, 90, Period.ofYears(10));
    }
}
