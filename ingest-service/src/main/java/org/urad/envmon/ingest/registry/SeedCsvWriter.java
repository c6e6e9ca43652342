package org.urad.envmon.ingest.registry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Writes a {@link RegistrySeed} as the six seed files, in the format {@link SeedParser} reads. */
final class SeedCsvWriter {

    private SeedCsvWriter() {}

    /**
     * @param comments lines (without {@code #}) put at the top of every file, before the version line
     * @param descriptions a line per file saying what it holds
     */
    static Map<String, String> write(RegistrySeed seed, List<String> comments, Map<String, String> descriptions) {
        Map<String, Device> devices = seed.devices().stream().collect(Collectors.toMap(Device::id, d -> d));
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "zones.csv",
                table(seed.zones(), SeedColumns.ZONES, z -> list(z.id(), z.name(), z.kind(), z.annualCapM3())));
        files.put(
                "villages.csv",
                table(
                        seed.villages(),
                        SeedColumns.VILLAGES,
                        v -> list(v.id(), v.name(), v.township(), v.zoneId(), v.annualAllocationM3())));
        boolean wellTerminals = seed.wells().stream().anyMatch(w -> w.terminal() != null);
        files.put("wells.csv", table(seed.wells(), withTerminal(SeedColumns.WELLS_WRITTEN, wellTerminals), w -> {
            Device d = devices.get(w.deviceId());
            return withTerminal(
                    wellTerminals,
                    w.terminal(),
                    list(
                            d.id(),
                            d.name(),
                            w.villageId(),
                            w.roles(),
                            d.lon(),
                            d.lat(),
                            w.annualAllocationM3(),
                            w.meterType(),
                            w.controlLevelM(),
                            w.wellheadElevationM(),
                            d.reportingInterval()));
        }));
        files.put("monitors.csv", table(seed.monitors(), SeedColumns.MONITORS, m -> {
            Device d = devices.get(m.deviceId());
            return list(
                    d.id(),
                    m.kind().code(),
                    d.name(),
                    m.enterprise(),
                    m.outlet(),
                    m.mn(),
                    m.password(),
                    m.hasAutoSampler(),
                    m.autoCalibration(),
                    d.lon(),
                    d.lat(),
                    d.reportingInterval());
        }));
        boolean anyO2Ref = seed.monitorParameters().stream().anyMatch(p -> p.limitO2RefPct() != null);
        files.put("monitor_parameters.csv", table(seed.monitorParameters(), monitorParameterColumns(anyO2Ref), p -> {
            List<Object> fields = list(
                    p.deviceId(),
                    p.parameter(),
                    p.unit(),
                    p.rangeMin(),
                    p.rangeMax(),
                    p.limitValue(),
                    p.limitLow(),
                    p.limitCold());
            if (anyO2Ref) {
                fields.add(p.limitO2RefPct());
            }
            return fields;
        }));
        boolean gateTerminals = seed.gates().stream().anyMatch(g -> g.terminal() != null);
        files.put("gates.csv", table(seed.gates(), withTerminal(SeedColumns.GATES, gateTerminals), g -> {
            Device d = devices.get(g.deviceId());
            return withTerminal(
                    gateTerminals,
                    g.terminal(),
                    list(
                            d.id(),
                            d.name(),
                            g.canal(),
                            g.sectionClass(),
                            g.automated(),
                            d.lon(),
                            d.lat(),
                            d.reportingInterval()));
        }));
        Map<String, String> result = new LinkedHashMap<>();
        files.forEach((file, body) -> {
            StringBuilder text = new StringBuilder();
            comments.forEach(c -> text.append("# ").append(c).append('\n'));
            text.append("# ").append(descriptions.getOrDefault(file, file)).append('\n');
            text.append("# version: ").append(seed.version()).append('\n');
            result.put(file, text.append(body).toString());
        });
        return result;
    }

    private static <T> String table(List<T> items, List<String> columns, Function<T, List<Object>> fields) {
        StringBuilder text = new StringBuilder(String.join(",", columns)).append('\n');
        for (T item : items) {
            text.append(fields.apply(item).stream().map(SeedCsvWriter::field).collect(Collectors.joining(",")))
                    .append('\n');
        }
        return text.toString();
    }

    /** The reference-O2 column only in a file where some limit has one. */
    private static List<String> monitorParameterColumns(boolean anyO2Ref) {
        if (!anyO2Ref) {
            return SeedColumns.MONITOR_PARAMETERS;
        }
        List<String> all = new ArrayList<>(SeedColumns.MONITOR_PARAMETERS);
        all.addAll(SeedColumns.MONITOR_PARAMETERS_OPTIONAL);
        return all;
    }

    /** The terminal columns come last, and only in a file where some device names a terminal. */
    private static List<String> withTerminal(List<String> columns, boolean any) {
        if (!any) {
            return columns;
        }
        List<String> all = new ArrayList<>(columns);
        all.addAll(SeedColumns.TERMINAL_OPTIONAL);
        return all;
    }

    private static List<Object> withTerminal(boolean any, Terminal terminal, List<Object> fields) {
        if (any) {
            fields.add(terminal == null ? null : terminal.protocol());
            fields.add(terminal == null ? null : terminal.address());
        }
        return fields;
    }

    private static List<Object> list(Object... values) {
        List<Object> list = new ArrayList<>();
        java.util.Collections.addAll(list, values);
        return list;
    }

    static String field(Object value) {
        String text;
        if (value == null) {
            text = "";
        } else if (value instanceof Double d) {
            text = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        } else {
            text = value.toString();
        }
        return text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
