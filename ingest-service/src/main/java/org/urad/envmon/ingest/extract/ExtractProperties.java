package org.urad.envmon.ingest.extract;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Targets and thresholds behind the extract's met / not met, under {@code ingest.extract.*}.
 *
 * @param gwStableBand |year-on-year change| of the zone monthly mean that counts as stable, m
 * @param gwStableTargetMonths run of stable months that meets the target
 * @param gwYoyDeclineLimit quarterly year-on-year decline that breaches, m
 * @param gwDeclineQuarters quarters of consecutive decline that breach
 * @param meterOnlineTarget share of registered well meters that should report, %
 * @param stateManagedAutomatedShare / massManagedAutomatedShare the report's automated shares, %
 * @param cemsCaptureTarget valid-hour capture rate target, %
 * @param wqTransmissionTarget effective transmission rate target, %
 * @param wqCalibrationInterval longest allowed time between water-quality calibrations
 * @param wqColdWater water temperature at or below which the cold NH3-N limit applies, °C
 * @param maxPeriod longest period {@code GET /api/extracts} accepts (a longer one is refused with 400)
 */
@ConfigurationProperties("ingest.extract")
public record ExtractProperties(
        @DefaultValue("0.5") double gwStableBand,
        @DefaultValue("12") int gwStableTargetMonths,
        @DefaultValue("0.5") double gwYoyDeclineLimit,
        @DefaultValue("4") int gwDeclineQuarters,
        @DefaultValue("95") double meterOnlineTarget,
        @DefaultValue("62.2") double stateManagedAutomatedShare,
        @DefaultValue("5.2") double massManagedAutomatedShare,
        @DefaultValue("90") double cemsCaptureTarget,
        @DefaultValue("98") double wqTransmissionTarget,
        @DefaultValue("168h") Duration wqCalibrationInterval,
        @DefaultValue("12") double wqColdWater,
        @DefaultValue("10y") Period maxPeriod) {

    public static ExtractProperties defaults() {
        return new ExtractProperties(
                0.5, 12, 0.5, 4, 95, 62.2, 5.2, 90, 98, Duration.ofHours(168), 12, Period.ofYears(10));
    }
}
