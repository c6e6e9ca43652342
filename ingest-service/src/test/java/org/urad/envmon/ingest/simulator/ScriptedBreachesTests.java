package org.urad.envmon.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.RegistrySnapshot;

class ScriptedBreachesTests {

    private static final RegistrySnapshot REGISTRY = TestRegistry.build("");
    private static final Instant START = Instant.parse("2025-03-10T06:17:00Z");
    private static final ScriptedBreaches BREACHES =
            ScriptedBreaches.choose(REGISTRY, EnumSet.allOf(ScriptedBreaches.Kind.class), START);
    private static final Simulation SIMULATION = new Simulation(REGISTRY, 3, BREACHES, Faults.typical());

    private static SimulatedMessage at(String id, Instant t) {
        Device d = REGISTRY.device(id).orElseThrow();
        return SIMULATION.message(d, t).orElseThrow();
    }

    @Test
    void choosesOneDeviceForEachBreach() {
        assertThat(BREACHES)
                .isEqualTo(new ScriptedBreaches(START, "well-c1", "well-02", "cems-1", "wq-1", "wq-2", "well-03"));
        assertThat(ScriptedBreaches.Kind.parse("none")).isEmpty();
        assertThat(ScriptedBreaches.Kind.parse("over-quota, silent-monitor"))
                .containsExactlyInAnyOrder(ScriptedBreaches.Kind.OVER_QUOTA, ScriptedBreaches.Kind.SILENT_MONITOR);
    }

    @Test
    void controlWellReportsFiveMetresBelowItsControlLevelFromTheFirstRound() {
        double before =
                at("well-c1", START.minusSeconds(3600)).value("gw_level").value();
        double first = at("well-c1", START).value("gw_level").value();
        assertThat(before).isGreaterThan(TestRegistry.CONTROL_LEVEL);
        assertThat(TestRegistry.CONTROL_LEVEL - first).isBetween(5.1, 5.3);
    }

    @Test
    void firstRoundOfTheOverQuotaWellShowsTheJumpPastItsAllocation() {
        SimulatedMessage first = at("well-02", START);
        List<SimulatedMessage.Value> volumes = first.values().stream()
                .filter(v -> v.parameter().equals("volume_total"))
                .toList();
        assertThat(volumes).hasSize(2);
        assertThat(volumes.get(0).time()).isEqualTo(START.minus(TestRegistry.HOURLY));
        assertThat(volumes.get(1).value() - volumes.get(0).value()).isGreaterThan(30_000);
        SimulatedMessage second = at("well-02", START.plus(TestRegistry.HOURLY));
        assertThat(second.values())
                .filteredOn(v -> v.parameter().equals("volume_total"))
                .hasSize(1);
    }

    @Test
    void cemsSpanCalibrationReadsFiftyAgainstAHundredInTheFirstRound() {
        List<Calibration> calibrations = at("cems-1", START).calibrations();
        assertThat(calibrations).anySatisfy(c -> {
            assertThat(c.parameter()).isEqualTo("a21026");
            assertThat(c.kind()).isEqualTo(CalibrationKind.SPAN);
            assertThat(c.reference()).isEqualTo(100);
            assertThat(c.measured()).isEqualTo(50);
            assertThat(c.reportedPass()).isFalse();
        });
    }

    @Test
    void plantDischargesCodAboveItsLimit() {
        assertThat(at("wq-1", START.minusSeconds(3600)).value("w01018").value()).isLessThan(50);
        assertThat(at("wq-1", START).value("w01018").value()).isEqualTo(80);
    }

    @Test
    void silentMonitorReportsOnceThenStops() {
        Device wq2 = REGISTRY.device("wq-2").orElseThrow();
        assertThat(SIMULATION.message(wq2, START)).isPresent();
        for (int i = 1; i < 48; i++) {
            assertThat(SIMULATION.message(wq2, START.plus(TestRegistry.HOURLY.multipliedBy(i))))
                    .isEmpty();
        }
    }

    @Test
    void meterRestartsFromZeroTwoIntervalsAfterTheStart() {
        double before = at("well-03", START.plus(TestRegistry.HOURLY))
                .value("volume_total")
                .value();
        double after = at("well-03", START.plus(TestRegistry.HOURLY.multipliedBy(2)))
                .value("volume_total")
                .value();
        assertThat(before).isGreaterThan(1000);
        assertThat(after).isZero();
    }
}
