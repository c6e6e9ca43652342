package org.urad.envmon.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Registry;

/**
 * What every registered device reports at any instant: pure and deterministic for a seed, so
 * live publishing, backfill and tests all see the same world.
 */
public final class Simulation {

    private static final int GAP = 41;
    private static final int FLAG = 42;

    private final Registry registry;
    private final long seed;
    private final ScriptedBreaches breaches;
    private final Faults faults;
    private final WellPhysics wells;
    private final GatePhysics gates;
    private final MonitorPhysics monitors;
    private final CalibrationSchedule calibrations;

    public Simulation(Registry registry, long seed, ScriptedBreaches breaches, Faults faults) {
        this.registry = registry;
        this.seed = seed;
        this.breaches = breaches;
        this.faults = faults;
        this.wells = new WellPhysics(seed, breaches);
        this.gates = new GatePhysics(seed);
        this.monitors = new MonitorPhysics(seed, registry, breaches);
        this.calibrations = new CalibrationSchedule(seed, monitors, breaches);
    }

    public Registry registry() {
        return registry;
    }

    public ScriptedBreaches breaches() {
        return breaches;
    }

    /**
     * The message {@code device} sends at {@code t}, or empty when it sends none: a skipped
     * interval, a silenced monitor, or a well missing from the registry.
     */
    public Optional<SimulatedMessage> message(Device device, Instant t) {
        String id = device.id();
        Duration interval = device.reportingInterval();
        boolean scripted = breaches.involves(id);
        if (breaches.silenced(id, t) || (!scripted && draw(id, GAP, t) < faults.gapRate())) {
            return Optional.empty();
        }
        List<SimulatedMessage.Value> values;
        List<Calibration> done = List.of();
        switch (device.family()) {
            case WELL -> {
                var well = registry.well(id);
                if (well.isEmpty()) {
                    return Optional.empty();
                }
                values = wells.values(well.get(), interval, t);
            }
            case GATE -> values = gates.values(device, t);
            case CEMS -> {
                values = monitors.values(device, t);
                done = calibrations.due(device, interval, t);
            }
            case WATER_QUALITY -> values = monitors.values(device, t);
            default -> throw new IllegalStateException("unknown family " + device.family());
        }
        return Optional.of(new SimulatedMessage(device, t, scripted ? DataFlag.N : flag(id, t), values, done));
    }

    private DataFlag flag(String id, Instant t) {
        double draw = draw(id, FLAG, t);
        if (draw < faults.flagRate()) {
            return DataFlag.D;
        }
        return draw < 2 * faults.flagRate() ? DataFlag.B : DataFlag.N;
    }

    private double draw(String id, int channel, Instant t) {
        return Noise.uniform(seed, id, channel, t.getEpochSecond());
    }

    /** The first reporting instant at or after {@code t}: a whole multiple of the interval since the epoch. */
    public static Instant aligned(Instant t, Duration interval) {
        long step = Math.max(1, interval.toSeconds());
        long s = Math.floorDiv(t.getEpochSecond() + step - 1, step) * step;
        return Instant.ofEpochSecond(s);
    }
}
