package org.urad.envmon.ingest.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.MonitorParameter;
import org.urad.envmon.ingest.registry.Registry;

/**
 * Online monitors. A CEMS follows the plant's load, which peaks mid-afternoon: concentrations and
 * flue-gas flow rise with it, O2 falls (8–12 %). A sewage plant's outlet runs at 30–55 % of its
 * limits, NH3-N higher in winter when nitrification slows, water temperature following the season.
 * Ranges and limits come from the monitor's registered parameters, else from the defaults here.
 */
final class MonitorPhysics {

    /** Parameters each monitor reports, with the range and limit used when none is registered. */
    static final Map<Family, List<Defaults>> PARAMETERS = Map.of(
            Family.CEMS,
            List.of(
                    new Defaults("a21026", 0, 200, 35.0),
                    new Defaults("a21002", 0, 300, 50.0),
                    new Defaults("a34013", 0, 50, 10.0),
                    new Defaults("a19001", 0, 25, null),
                    new Defaults("a00000", 0, 500, null),
                    new Defaults("a01012", 0, 300, null)),
            Family.WATER_QUALITY,
            List.of(
                    new Defaults("w01018", 0, 200, 50.0),
                    new Defaults("w21003", 0, 50, 5.0),
                    new Defaults("w21011", 0, 10, 0.5),
                    new Defaults("w21001", 0, 100, 15.0),
                    new Defaults("w01001", 0, 14, 9.0),
                    new Defaults("w00000", 0, 1000, null),
                    new Defaults("w01010", 0, 50, null)));

    record Defaults(String parameter, double rangeMin, double rangeMax, Double limit) {}

    private static final int LEVEL = 21;
    private static final int NOISE = 22;
    private static final int LOAD_NOISE = 23;

    private final long seed;
    private final Registry registry;
    private final ScriptedBreaches breaches;

    MonitorPhysics(long seed, Registry registry, ScriptedBreaches breaches) {
        this.seed = seed;
        this.registry = registry;
        this.breaches = breaches;
    }

    List<SimulatedMessage.Value> values(Device monitor, Instant t) {
        List<SimulatedMessage.Value> values = new ArrayList<>();
        for (MonitorParameter p : measured(monitor)) {
            double raw = monitor.family() == Family.CEMS ? cems(monitor.id(), p, t) : water(monitor.id(), p, t);
            double value = Noise.clamp(raw, p.rangeMin(), p.rangeMax());
            if (monitor.id().equals(breaches.overLimitMonitor())
                    && p.parameter().equals(ScriptedBreaches.OVER_LIMIT_PARAMETER)
                    && breaches.active(t)) {
                value = ScriptedBreaches.OVER_LIMIT_VALUE;
            }
            values.add(new SimulatedMessage.Value(p.parameter(), t, Noise.round(value, 3)));
        }
        return values;
    }

    /**
     * The parameters a monitor reports: those registered for it (a monitor sends nothing the registry
     * does not know it measures), or every standard one of its family where none is registered.
     */
    List<MonitorParameter> measured(Device monitor) {
        List<Defaults> standard = PARAMETERS.get(monitor.family());
        List<MonitorParameter> registered = standard.stream()
                .map(d -> registry.monitorParameter(monitor.id(), d.parameter()).orElse(null))
                .filter(java.util.Objects::nonNull)
                .toList();
        return registered.isEmpty()
                ? standard.stream().map(d -> parameter(monitor.id(), d)).toList()
                : registered;
    }

    MonitorParameter parameter(String deviceId, Defaults d) {
        return registry.monitorParameter(deviceId, d.parameter())
                .orElseGet(() -> new MonitorParameter(
                        deviceId, d.parameter(), null, d.rangeMin(), d.rangeMax(), d.limit(), null, null));
    }

    /** Plant load 0.6–1.0, peaking at 15:00. */
    double load(String id, Instant t) {
        long hour = Math.floorDiv(t.getEpochSecond(), 3600);
        return 0.8
                + 0.15 * Seasons.diurnal(ShanghaiTime.hourOfDay(t), 15)
                + 0.05 * Noise.signed(seed, id, LOAD_NOISE, hour);
    }

    private double cems(String id, MonitorParameter p, Instant t) {
        double load = load(id, t);
        double noise = Noise.signed(seed, id + p.parameter(), NOISE, t.getEpochSecond());
        return switch (p.parameter()) {
            case "a19001" -> 10 - 8 * (load - 0.8) + 0.3 * noise;
            case "a00000" -> (40 + 80 * level(id, p)) * load * (1 + 0.02 * noise);
            case "a01012" -> 120 + 30 * level(id, p) + 40 * (load - 0.8) + noise;
            default -> Math.min(base(id, p) * load / 0.8 * (1 + 0.05 * noise), 0.9 * ceiling(p));
        };
    }

    private double water(String id, MonitorParameter p, Instant t) {
        int dayOfYear = ShanghaiTime.dayOfYear(t);
        double hour = ShanghaiTime.hourOfDay(t);
        double noise = Noise.signed(seed, id + p.parameter(), NOISE, t.getEpochSecond());
        return switch (p.parameter()) {
            case "w01001" -> 7.2 + 0.3 * noise;
            case "w00000" -> (40 + 160 * level(id, p)) * (1 + 0.3 * Seasons.diurnal(hour, 11)) * (1 + 0.03 * noise);
            case "w01010" -> 16 - 8 * Math.cos(2 * Math.PI * (dayOfYear - 20) / 365.0) + 0.3 * noise;
            case "w21003" -> ceiling(p) * (0.1 + 0.5 * Seasons.winterness(dayOfYear)) * (1 + 0.1 * noise);
            default -> Math.min(base(id, p) * (1 + 0.1 * Seasons.diurnal(hour, 14) + 0.05 * noise), 0.9 * ceiling(p));
        };
    }

    /** The level a pollutant usually sits at: 30–55 % of its limit. */
    private double base(String id, MonitorParameter p) {
        return ceiling(p) * (0.3 + 0.25 * level(id, p));
    }

    private double level(String id, MonitorParameter p) {
        return Noise.uniform(seed, id + p.parameter(), LEVEL, 0);
    }

    private static double ceiling(MonitorParameter p) {
        return p.limitValue() != null ? Math.min(p.limitValue(), p.rangeMax()) : 0.2 * p.rangeMax();
    }
}
