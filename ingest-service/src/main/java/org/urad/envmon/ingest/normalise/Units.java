package org.urad.envmon.ingest.normalise;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Unit conversion to a parameter's canonical unit. Units are known by their usual spellings
 * (m3, m³, mg/m3, mg/Nm3, °C, ℃ …); a unit of another dimension, or an unknown one, does not
 * convert.
 */
public final class Units {

    private record Unit(String dimension, double factor) {}

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("m", new Unit("length", 1)),
            Map.entry("cm", new Unit("length", 0.01)),
            Map.entry("mm", new Unit("length", 0.001)),
            Map.entry("m3", new Unit("volume", 1)),
            Map.entry("l", new Unit("volume", 0.001)),
            Map.entry("m3/h", new Unit("flow", 1.0 / 3600)),
            Map.entry("m3/s", new Unit("flow", 1)),
            Map.entry("m3/d", new Unit("flow", 1.0 / 86400)),
            Map.entry("l/s", new Unit("flow", 0.001)),
            Map.entry("l/h", new Unit("flow", 0.001 / 3600)),
            Map.entry("m/s", new Unit("speed", 1)),
            Map.entry("mg/m3", new Unit("gas_concentration", 1)),
            Map.entry("ug/m3", new Unit("gas_concentration", 0.001)),
            Map.entry("g/m3", new Unit("gas_concentration", 1000)),
            Map.entry("mg/l", new Unit("water_concentration", 1)),
            Map.entry("ug/l", new Unit("water_concentration", 0.001)),
            Map.entry("g/l", new Unit("water_concentration", 1000)),
            Map.entry("%", new Unit("fraction", 1)),
            Map.entry("degc", new Unit("temperature", 1)),
            Map.entry("kpa", new Unit("pressure", 1)),
            Map.entry("pa", new Unit("pressure", 0.001)),
            Map.entry("ph", new Unit("ph", 1)));

    private Units() {}

    /** Converts {@code value} from {@code unit} to {@code canonical}; empty when it cannot. */
    public static OptionalDouble convert(double value, String unit, String canonical) {
        if (unit == null || unit.equals(canonical)) {
            return OptionalDouble.of(value);
        }
        Optional<Unit> from = lookup(unit);
        Optional<Unit> to = lookup(canonical);
        if (from.isEmpty()
                || to.isEmpty()
                || !from.get().dimension().equals(to.get().dimension())) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value * from.get().factor() / to.get().factor());
    }

    private static Optional<Unit> lookup(String unit) {
        return Optional.ofNullable(UNITS.get(canonicalSpelling(unit)));
    }

    static String canonicalSpelling(String unit) {
        return unit.trim()
                .toLowerCase(java.util.Locale.ROOT)
                .replace("³", "3")
                .replace("^3", "3")
                .replace("µ", "u")
                .replace("μ", "u")
                .replace("/nm3", "/m3")
                .replace("℃", "degc")
                .replace("°c", "degc")
                .replace(" ", "");
    }
}
