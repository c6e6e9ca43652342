package org.urad.envmon.ingest.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns the six seed files into a {@link RegistrySeed}, checking every row and every reference
 * (village → zone, well → village, parameter → catalogue, unique ids and MNs). Pure: no I/O.
 */
final class SeedParser {

    private final Collection<ParameterSpec> catalogue;

    SeedParser(Collection<ParameterSpec> catalogue) {
        this.catalogue = List.copyOf(catalogue);
    }

    /** @throws RegistrySeedException listing every problem found, when there is at least one */
    RegistrySeed parse(String source, Map<String, byte[]> files) {
        List<String> problems = new ArrayList<>();
        Map<String, SeedTable> tables = new LinkedHashMap<>();
        for (String file : RegistrySeed.FILES) {
            byte[] bytes = files.get(file);
            if (bytes == null) {
                problems.add(file + ": file missing");
                tables.put(file, new SeedTable(file, null, List.of()));
            } else {
                tables.put(file, SeedTable.parse(file, bytes, SeedColumns.BY_FILE.get(file), problems));
            }
        }
        RegistrySeed seed = check(tables, problems);
        if (!problems.isEmpty()) {
            throw new RegistrySeedException(source, problems);
        }
        return seed;
    }

    /**
     * Checks tables already split into rows; every problem goes to {@code problems} (the rows' own list), and
     * the seed holds the rows that passed.
     */
    RegistrySeed check(Map<String, SeedTable> tables, List<String> problems) {
        String version = version(tables.values(), problems);
        List<Zone> zones = zones(tables.get("zones.csv"));
        Map<String, Zone> zoneById = index(zones, Zone::id);
        List<Village> villages = villages(tables.get("villages.csv"), zoneById);
        SeedDevices devices = new SeedDevices(index(villages, Village::id), catalogue);
        devices.wells(tables.get("wells.csv"));
        devices.monitors(tables.get("monitors.csv"));
        devices.monitorParameters(tables.get("monitor_parameters.csv"));
        devices.gates(tables.get("gates.csv"));
        return new RegistrySeed(
                version,
                zones,
                withAllocations(villages, devices.wells()),
                devices.devices(),
                devices.wells(),
                devices.monitors(),
                devices.monitorParameters(),
                devices.gates());
    }

    private static String version(Collection<SeedTable> tables, List<String> problems) {
        String version = null;
        String declaredIn = null;
        for (SeedTable table : tables) {
            if (table.version() == null || table.version().isEmpty()) {
                continue;
            }
            if (version == null) {
                version = table.version();
                declaredIn = table.file();
            } else if (!version.equals(table.version())) {
                problems.add("%s: version '%s' differs from '%s' in %s"
                        .formatted(table.file(), table.version(), version, declaredIn));
            }
        }
        if (version == null) {
            problems.add("no '# version: …' line in any seed file");
        }
        return version;
    }

    private static List<Zone> zones(SeedTable table) {
        List<Zone> zones = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SeedRow row : table.rows()) {
            String id = unique(row, row.text("id"), seen);
            Zone zone = new Zone(id, row.text("name"), row.text("kind"), row.optionalNumber("annual_cap_m3"));
            if (id != null) {
                zones.add(zone);
            }
        }
        return zones;
    }

    private static List<Village> villages(SeedTable table, Map<String, Zone> zones) {
        List<Village> villages = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SeedRow row : table.rows()) {
            String id = unique(row, row.text("id"), seen);
            String zoneId = row.text("zone_id");
            if (zoneId != null && !zones.containsKey(zoneId)) {
                row.problem("unknown zone '%s'".formatted(zoneId));
            }
            Village village = new Village(
                    id, row.text("name"), row.optional("township"), zoneId, row.optionalNumber("annual_allocation_m3"));
            if (id != null) {
                villages.add(village);
            }
        }
        return villages;
    }

    /** A village without an allocation of its own is allocated the sum of its wells' allocations. */
    private static List<Village> withAllocations(List<Village> villages, List<Well> wells) {
        Map<String, Double> sums = new HashMap<>();
        wells.forEach(w -> sums.merge(w.villageId(), w.annualAllocationM3(), Double::sum));
        return villages.stream()
                .map(v -> v.annualAllocationM3() != null
                        ? v
                        : new Village(v.id(), v.name(), v.township(), v.zoneId(), sums.getOrDefault(v.id(), 0.0)))
                .toList();
    }

    /** Records a problem when {@code id} was already seen in this file; returns it otherwise. */
    static String unique(SeedRow row, String id, Map<String, Integer> seen) {
        if (id == null) {
            return null;
        }
        Integer first = seen.putIfAbsent(id, row.line());
        if (first != null) {
            row.problem("duplicate id '%s' (first on line %d)".formatted(id, first));
            return null;
        }
        return id;
    }

    static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new HashMap<>();
        items.stream().filter(i -> Objects.nonNull(key.apply(i))).forEach(i -> map.put(key.apply(i), i));
        return map;
    }
}
