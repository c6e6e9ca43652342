package org.urad.envmon.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;

class PointRuleBacklogTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2025-10-30T02:00:00Z");

    @Test
    void keepsWellReadingsAndCemsCalibrationsPerDeviceAndNothingElse() {
        PointRuleBacklog backlog = new PointRuleBacklog();
        backlog.add(
                List.of(outcome(
                        List.of(
                                reading(Family.WELL, "W1", "gw_level", T0, true),
                                reading(Family.WELL, "W1", "flow", T0.plusSeconds(3600), true),
                                reading(Family.WELL, "W2", "flow", T0, false),
                                reading(Family.GATE, "G1", "flow", T0, true)),
                        List.of(new Calibration(
                                Family.CEMS, "C1", "a21026", CalibrationKind.SPAN, T0, 100, 50, null, null)))),
                List.of(),
                T0.plusSeconds(60),
                SHANGHAI);

        PointRuleBacklog.Owed owed = backlog.take();

        assertThat(owed.wellReadings()).containsOnlyKeys("W1");
        assertThat(owed.wellReadings().get("W1"))
                .containsExactlyInAnyOrder(
                        new PointRuleBacklog.Range(T0, T0),
                        new PointRuleBacklog.Range(T0.plusSeconds(3600), T0.plusSeconds(3600)));
        assertThat(owed.calibrations()).containsOnlyKeys("C1");
        assertThat(backlog.isEmpty()).isTrue();
    }

    @Test
    void aDeviceKeepsBoundedRangesThatStillCoverEveryOwedTime() {
        PointRuleBacklog backlog = new PointRuleBacklog();
        List<Instant> times = new ArrayList<>();
        for (int h = 0; h < 200; h++) {
            // bursts of three readings a minute apart, every six hours
            Instant t = T0.plusSeconds((h / 3) * 6 * 3600L + (h % 3) * 60L);
            times.add(t);
            backlog.add(
                    List.of(outcome(List.of(reading(Family.WELL, "W1", "flow", t, true)), List.of())),
                    List.of(),
                    t,
                    SHANGHAI);
        }

        List<PointRuleBacklog.Range> ranges = backlog.take().wellReadings().get("W1");

        assertThat(ranges).hasSizeLessThanOrEqualTo(PointRuleBacklog.MAX_RANGES);
        for (Instant t : times) {
            assertThat(ranges).anySatisfy(r -> assertThat(t).isBetween(r.from(), r.to()));
        }
    }

    @Test
    void mergesTheTwoClosestRanges() {
        List<PointRuleBacklog.Range> ranges = new ArrayList<>(List.of(
                new PointRuleBacklog.Range(T0, T0.plusSeconds(10)),
                new PointRuleBacklog.Range(T0.plusSeconds(1000), T0.plusSeconds(1010)),
                new PointRuleBacklog.Range(T0.plusSeconds(20), T0.plusSeconds(30))));

        PointRuleBacklog.mergeClosest(ranges);

        assertThat(ranges)
                .containsExactly(
                        new PointRuleBacklog.Range(T0, T0.plusSeconds(30)),
                        new PointRuleBacklog.Range(T0.plusSeconds(1000), T0.plusSeconds(1010)));
    }

    private static Outcome outcome(List<Reading> readings, List<Calibration> calibrations) {
        return new Outcome(null, "json", "x", readings, calibrations, List.of());
    }

    private static Reading reading(Family family, String device, String parameter, Instant t, boolean valid) {
        return new Reading(
                family,
                device,
                parameter,
                t,
                Period.REALTIME,
                Statistic.VALUE,
                1.0,
                valid ? DataFlag.N : DataFlag.D,
                valid,
                null);
    }
}
