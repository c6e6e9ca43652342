package org.urad.envmon.ingest.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.urad.envmon.ingest.registry.Device;

/**
 * A canal gate on the Yellow River irrigation system: in the canal season (spring irrigation to
 * autumn irrigation) water is let through in rounds of ten days open and five closed, each gate in
 * its own phase; the flow is steady over an open day and the volume counter totals it.
 */
final class GatePhysics {

    private static final int DESIGN = 11;
    private static final int PHASE = 12;
    private static final int DAY_FLOW = 13;
    private static final int NOISE = 14;
    private static final int ROUND_DAYS = 15;
    private static final int OPEN_DAYS = 10;

    private final long seed;
    private final Map<String, CumulativeVolume> counters = new ConcurrentHashMap<>();

    GatePhysics(long seed) {
        this.seed = seed;
    }

    List<SimulatedMessage.Value> values(Device gate, Instant t) {
        String id = gate.id();
        double flow = flow(id, ShanghaiTime.epochDay(t));
        double share = flow / (1.15 * designFlow(id));
        double wobble = 0.01 * Noise.signed(seed, id, NOISE, t.getEpochSecond());
        double opening = flow > 0 ? 0.2 + 1.0 * share + wobble : 0;
        double level = (flow > 0 ? 1.0 + 1.2 * share : 0.3) + wobble;
        return List.of(
                new SimulatedMessage.Value("flow", t, Noise.round(flow, 3)),
                new SimulatedMessage.Value("level", t, Noise.round(level, 3)),
                new SimulatedMessage.Value("gate_opening", t, Noise.round(opening, 3)),
                new SimulatedMessage.Value("volume_total", t, Noise.round(volume(id, t), 1)));
    }

    /** Design flow, m3/s: 1–15. */
    double designFlow(String id) {
        return 1 + 14 * Noise.uniform(seed, id, DESIGN, 0);
    }

    /** Flow over the local day, m3/s: zero outside the canal season and between rounds. */
    double flow(String id, long epochDay) {
        int dayOfYear = ShanghaiTime.dayOfYear(epochDay);
        if (!Seasons.canalSeason(dayOfYear)) {
            return 0;
        }
        int phase = (int) (ROUND_DAYS * Noise.uniform(seed, id, PHASE, 0));
        if ((dayOfYear - Seasons.CANAL_START + phase) % ROUND_DAYS >= OPEN_DAYS) {
            return 0;
        }
        return designFlow(id) * (0.85 + 0.3 * Noise.uniform(seed, id, DAY_FLOW, epochDay));
    }

    double volume(String id, Instant t) {
        CumulativeVolume total = counters.computeIfAbsent(id, k -> new CumulativeVolume(day -> 86_400 * flow(id, day)));
        long day = ShanghaiTime.epochDay(t);
        return total.before(day) + flow(id, day) * ShanghaiTime.secondOfDay(t);
    }
}
