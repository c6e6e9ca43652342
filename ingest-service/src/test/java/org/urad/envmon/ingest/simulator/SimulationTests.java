package org.urad.envmon.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.MonitorParameter;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.RegistrySnapshot;

class SimulationTests {

    private static final RegistrySnapshot REGISTRY = TestRegistry.build("");
    private static final Instant YEAR_START = SimulatorMain.instant("2024-01-01");
    private static final Instant YEAR_END = SimulatorMain.instant("2025-01-01");

    private static Simulation simulation(ScriptedBreaches breaches, Faults faults) {
        return new Simulation(REGISTRY, 7, breaches, faults);
    }

    private static Device device(String id) {
        return REGISTRY.device(id).orElseThrow();
    }

    private static List<SimulatedMessage> history(Simulation sim, String id, Instant from, Instant to) {
        Device d = device(id);
        List<SimulatedMessage> messages = new ArrayList<>();
        for (Instant t = Simulation.aligned(from, d.reportingInterval());
                t.isBefore(to);
                t = t.plus(d.reportingInterval())) {
            sim.message(d, t).ifPresent(messages::add);
        }
        return messages;
    }

    private static List<Double> series(List<SimulatedMessage> messages, String parameter) {
        return messages.stream().map(m -> m.value(parameter).value()).toList();
    }

    @Test
    void cumulativeVolumesNeverDecreaseExceptAtTheScriptedMeterReset() {
        Instant resetStart = SimulatorMain.instant("2024-07-01");
        var breaches = ScriptedBreaches.choose(REGISTRY, EnumSet.of(ScriptedBreaches.Kind.METER_RESET), resetStart);
        Simulation sim = simulation(breaches, Faults.typical());
        Instant resetAt = resetStart.plus(TestRegistry.HOURLY.multipliedBy(2));
        int resets = 0;
        for (String id : List.of("well-c1", "well-02", "well-03", "gate-1")) {
            List<SimulatedMessage> messages = history(sim, id, YEAR_START, YEAR_END);
            for (int i = 1; i < messages.size(); i++) {
                double before = messages.get(i - 1).value("volume_total").value();
                double after = messages.get(i).value("volume_total").value();
                if (id.equals(breaches.meterResetWell())
                        && messages.get(i).time().equals(resetAt)) {
                    assertThat(after).as("reset at %s", resetAt).isLessThan(1);
                    resets++;
                } else {
                    assertThat(after).as("%s at %s", id, messages.get(i).time()).isGreaterThanOrEqualTo(before);
                }
            }
        }
        assertThat(breaches.meterResetWell()).isEqualTo("well-03");
        assertThat(resets).isEqualTo(1);
    }

    @Test
    void wellsPumpInTheIrrigationSeasonAndHardlyInWinter() {
        Simulation sim = simulation(ScriptedBreaches.none(), Faults.none());
        double january = growth(sim, "well-02", "2024-01-01", "2024-02-01");
        double july = growth(sim, "well-02", "2024-07-01", "2024-08-01");
        double year = growth(sim, "well-02", "2024-01-01", "2025-01-01");
        assertThat(july).isGreaterThan(50 * january);
        assertThat(year).isBetween(0.5 * 30_000, 30_000.0);
    }

    private static double growth(Simulation sim, String id, String from, String to) {
        List<Double> volumes =
                series(history(sim, id, SimulatorMain.instant(from), SimulatorMain.instant(to)), "volume_total");
        return volumes.get(volumes.size() - 1) - volumes.get(0);
    }

    @Test
    void valuesStayInTheirRegisteredRangesAndBelowLimits() {
        Simulation sim = simulation(ScriptedBreaches.none(), Faults.typical());
        for (Device d : REGISTRY.devices()) {
            for (SimulatedMessage m : history(sim, d.id(), YEAR_START, YEAR_END)) {
                for (SimulatedMessage.Value v : m.values()) {
                    ParameterSpec spec =
                            REGISTRY.parameter(d.family(), v.parameter()).orElseThrow();
                    assertThat(v.value()).isBetween(spec.minPossible(), spec.maxPossible());
                    if (d.family().isMonitor()) {
                        MonitorParameter p =
                                REGISTRY.monitorParameter(d.id(), v.parameter()).orElse(null);
                        if (p != null) {
                            assertThat(v.value()).isBetween(p.rangeMin(), p.rangeMax());
                            if (p.limitValue() != null) {
                                assertThat(v.value())
                                        .as("%s %s", d.id(), v.parameter())
                                        .isLessThan(p.limitValue());
                            }
                            if (p.limitLow() != null) {
                                assertThat(v.value()).isGreaterThan(p.limitLow());
                            }
                        }
                    }
                }
                if (d.family() == Family.CEMS) {
                    assertThat(m.value("a19001").value()).isBetween(8.0, 12.0);
                }
                if (d.id().equals("well-c1")) {
                    assertThat(m.value("gw_level").value()).isGreaterThan(TestRegistry.CONTROL_LEVEL);
                }
            }
        }
    }

    @Test
    void groundwaterSinksInTheIrrigationSeasonAndAmmoniaRisesInWinter() {
        Simulation sim = simulation(ScriptedBreaches.none(), Faults.none());
        double aprilLevel = mean(series(month(sim, "well-c1", "2024-04-01"), "gw_level"));
        double augustLevel = mean(series(month(sim, "well-c1", "2024-08-01"), "gw_level"));
        assertThat(augustLevel).isLessThan(aprilLevel - 1);
        double januaryAmmonia = mean(series(month(sim, "wq-1", "2024-01-01"), "w21003"));
        double julyAmmonia = mean(series(month(sim, "wq-1", "2024-07-01"), "w21003"));
        assertThat(januaryAmmonia).isGreaterThan(2 * julyAmmonia);
    }

    private static List<SimulatedMessage> month(Simulation sim, String id, String first) {
        Instant from = SimulatorMain.instant(first);
        return history(
                sim,
                id,
                from,
                SimulatorMain.instant(LocalDate.parse(first).plusMonths(1).toString()));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void messagesFollowTheReportingIntervalWithOccasionalGapsAndFaultFlags() {
        Simulation sim = simulation(ScriptedBreaches.none(), new Faults(0.05, 0.02));
        List<SimulatedMessage> messages = history(sim, "cems-1", YEAR_START, YEAR_START.plus(Duration.ofDays(30)));
        long expected = Duration.ofDays(30).dividedBy(TestRegistry.CEMS_INTERVAL);
        assertThat(messages.size()).isLessThan((int) expected).isGreaterThan((int) (0.9 * expected));
        for (SimulatedMessage m : messages) {
            assertThat(Duration.between(YEAR_START, m.time()).toSeconds() % TestRegistry.CEMS_INTERVAL.toSeconds())
                    .isZero();
            assertThat(m.values()).allMatch(v -> v.time().equals(m.time()));
        }
        assertThat(messages).extracting(SimulatedMessage::flag).contains(DataFlag.N, DataFlag.D, DataFlag.B);
    }

    @Test
    void theSameSeedGivesTheSamePayloads() {
        Instant from = SimulatorMain.instant("2024-06-01");
        Instant to = from.plus(Duration.ofDays(2));
        for (Device d : REGISTRY.devices()) {
            List<String> first = payloads(simulation(ScriptedBreaches.none(), Faults.typical()), d.id(), from, to);
            List<String> second = payloads(simulation(ScriptedBreaches.none(), Faults.typical()), d.id(), from, to);
            List<String> otherSeed =
                    payloads(new Simulation(REGISTRY, 8, ScriptedBreaches.none(), Faults.typical()), d.id(), from, to);
            assertThat(second).isEqualTo(first);
            assertThat(otherSeed).isNotEqualTo(first);
        }
    }

    private static List<String> payloads(Simulation sim, String id, Instant from, Instant to) {
        return history(sim, id, from, to).stream()
                .map(m -> new String(PayloadWriter.write(m, 0)))
                .toList();
    }

    @Test
    void cemsCalibratesEveryAnalyserOnceADayWithinOnePercent() {
        Simulation sim = simulation(ScriptedBreaches.none(), Faults.none());
        var calibrations = history(sim, "cems-1", YEAR_START, YEAR_START.plus(Duration.ofDays(10))).stream()
                .flatMap(m -> m.calibrations().stream())
                .toList();
        assertThat(calibrations).hasSize(10 * 4 * 2);
        assertThat(calibrations).allMatch(c -> Boolean.TRUE.equals(c.reportedPass()));
        calibrations.stream().filter(c -> c.kind() == CalibrationKind.SPAN).forEach(c -> {
            assertThat(c.reference()).isCloseTo(0.8 * c.fullScale(), org.assertj.core.data.Offset.offset(0.1));
            assertThat(Math.abs(c.measured() - c.reference())).isLessThanOrEqualTo(0.01 * c.reference() + 1e-9);
        });
    }
}
