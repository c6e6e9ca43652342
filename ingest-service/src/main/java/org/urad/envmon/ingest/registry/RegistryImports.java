package org.urad.envmon.ingest.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.urad.envmon.ingest.security.AuditLog;

/**
 * Imports one registry file (villages, wells, monitors or gates) on top of the registry in the database:
 * the file's rows replace the rows with the same id, new ids are added, rows the file does not list stay as
 * they are. Every row passes the checks a seed file passes ({@link SeedParser}), against the registry as it
 * would be; a row that fails is refused with its reasons and the others can still be applied. Nothing is
 * written by {@link #preview}; {@link #apply} checks again and writes in one transaction with its audit row.
 */
@Service
public class RegistryImports {

    /** The files that can be imported, by their seed file name. */
    public enum Table {
        VILLAGES("villages.csv"),
        WELLS("wells.csv"),
        MONITORS("monitors.csv"),
        GATES("gates.csv");

        private final String file;

        Table(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final String FROM_REGISTRY = "registry:";
    private static final int MAX_PASSES = 5;

    private final RegistryService registry;
    private final RegistrySeedLoader loader;
    private final AuditLog audit;

    public RegistryImports(RegistryService registry, RegistrySeedLoader loader, AuditLog audit) {
        this.registry = registry;
        this.loader = loader;
        this.audit = audit;
    }

    /** What importing the file would do; writes nothing. */
    public ImportPreview preview(Table table, String fileName, byte[] bytes) {
        return check(table, fileName, bytes, registry.data()).preview();
    }

    /** Checks the file again against the registry as it is now and writes the rows added and changed. */
    public ImportPreview apply(Table table, String fileName, byte[] bytes) {
        Checked checked = check(table, fileName, bytes, registry.data());
        ImportPreview preview = checked.preview();
        if (!preview.applicable()) {
            return preview;
        }
        Set<String> ids = new HashSet<>();
        preview.added().forEach(r -> ids.add(r.id()));
        preview.changed().forEach(r -> ids.add(r.id()));
        RegistrySeed part = part(checked.seed(), table, ids);
        audit.inTransaction(() -> {
            loader.upsert(part);
            audit.record(
                    "registry.import",
                    "registry/" + table.file(),
                    null,
                    Map.of(
                            "file", String.valueOf(fileName),
                            "added",
                                    preview.added().stream()
                                            .map(ImportPreview.Row::id)
                                            .toList(),
                            "changed",
                                    preview.changed().stream()
                                            .map(ImportPreview.Row::id)
                                            .toList(),
                            "refused", preview.refused().size()));
            return null;
        });
        registry.refresh();
        return preview;
    }

    /** The table as it is in the database, as a seed file that can be edited and imported again. */
    public String export(Table table) {
        return current(registry.data(), "export").get(table.file());
    }

    private record Checked(ImportPreview preview, RegistrySeed seed) {}

    private Checked check(Table table, String fileName, byte[] bytes, RegistryData data) {
        SeedText upload = SeedText.decode(fileName, bytes);
        byte[] utf8 = upload.text().getBytes(StandardCharsets.UTF_8);
        List<String> columns = SeedColumns.BY_FILE.get(table.file());
        String version =
                SeedTable.parse(table.file(), utf8, columns, new ArrayList<>()).version();
        Map<String, byte[]> registryFiles = new LinkedHashMap<>();
        current(data, version == null ? "registry" : version)
                .forEach((file, text) -> registryFiles.put(file, text.getBytes(StandardCharsets.UTF_8)));
        SeedParser parser = new SeedParser(data.parameters());
        Map<Integer, ImportPreview.Refused> refused = new TreeMap<>();
        Set<Integer> excluded = new HashSet<>();
        for (int pass = 0; ; pass++) {
            List<String> problems = new ArrayList<>();
            SeedTable uploaded = SeedTable.parse(table.file(), utf8, columns, problems);
            List<SeedRow> kept = uploaded.rows().stream()
                    .filter(r -> !excluded.contains(r.line()))
                    .toList();
            Map<String, SeedTable> tables = merged(registryFiles, table, uploaded, kept, problems);
            RegistrySeed seed = parser.check(tables, problems);
            List<String> general = new ArrayList<>();
            Set<Integer> newlyRefused = attribute(table, uploaded, problems, refused, general);
            newlyRefused.removeAll(excluded);
            if (newlyRefused.isEmpty() || pass == MAX_PASSES) {
                return new Checked(diff(table, fileName, upload.encoding(), kept, data, seed, refused, general), seed);
            }
            excluded.addAll(newlyRefused);
        }
    }

    /** The registry's files with the uploaded table's rows in place of the registry's rows of the same ids. */
    private static Map<String, SeedTable> merged(
            Map<String, byte[]> registryFiles, Table table, SeedTable uploaded, List<SeedRow> kept, List<String> p) {
        Set<String> ids = kept.stream().map(r -> r.optional("id")).collect(Collectors.toSet());
        Map<String, SeedTable> tables = new LinkedHashMap<>();
        registryFiles.forEach((file, bytes) -> {
            SeedTable current = SeedTable.parse(FROM_REGISTRY + file, bytes, SeedColumns.BY_FILE.get(file), p);
            if (file.equals(table.file())) {
                List<SeedRow> rows = new ArrayList<>(kept);
                current.rows().stream()
                        .filter(r -> !ids.contains(r.optional("id")))
                        .forEach(rows::add);
                tables.put(file, new SeedTable(file, uploaded.version(), rows));
            } else {
                tables.put(file, new SeedTable(file, current.version(), current.rows()));
            }
        });
        return tables;
    }

    /**
     * Sorts problems into those of an uploaded line (added to {@code refused}; returns those lines) and
     * those of the file as a whole or of the registry it would leave ({@code general}).
     */
    private static Set<Integer> attribute(
            Table table,
            SeedTable uploaded,
            List<String> problems,
            Map<Integer, ImportPreview.Refused> refused,
            List<String> general) {
        Map<Integer, SeedRow> rows =
                uploaded.rows().stream().collect(Collectors.toMap(SeedRow::line, Function.identity(), (a, b) -> a));
        Set<Integer> lines = new HashSet<>();
        String prefix = table.file() + " line ";
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            Integer line = null;
            if (problem.startsWith(prefix) && colon > prefix.length() && !problem.contains("column(s)")) {
                line = Integer.valueOf(problem.substring(prefix.length(), colon));
            }
            if (line == null) {
                general.add(problem);
                continue;
            }
            SeedRow row = rows.get(line);
            String id = row == null ? null : row.optional("id");
            String reason = problem.substring(colon + 2);
            ImportPreview.Refused before = refused.get(line);
            List<String> reasons = new ArrayList<>(before == null ? List.of() : before.reasons());
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
            refused.put(line, new ImportPreview.Refused(line, id, reasons));
            lines.add(line);
        }
        return lines;
    }

    private static ImportPreview diff(
            Table table,
            String fileName,
            String encoding,
            List<SeedRow> kept,
            RegistryData data,
            RegistrySeed seed,
            Map<Integer, ImportPreview.Refused> refused,
            List<String> general) {
        Map<String, String> currentText = current(data, "registry");
        List<SeedRow> currentRows = SeedTable.parse(
                        table.file(),
                        currentText.get(table.file()).getBytes(StandardCharsets.UTF_8),
                        SeedColumns.BY_FILE.get(table.file()),
                        new ArrayList<>())
                .rows();
        Map<String, SeedRow> before =
                currentRows.stream().collect(Collectors.toMap(r -> r.optional("id"), Function.identity(), (a, b) -> a));
        Map<String, Object> oldRecords = records(table, data.devices(), data);
        Map<String, Object> newRecords = records(table, seed.devices(), seed);
        List<ImportPreview.Row> added = new ArrayList<>();
        List<ImportPreview.Row> changed = new ArrayList<>();
        int unchanged = 0;
        for (SeedRow row : kept) {
            String id = row.optional("id");
            if (id == null || refused.containsKey(row.line()) || !newRecords.containsKey(id)) {
                continue;
            }
            SeedRow old = before.get(id);
            if (old == null) {
                added.add(new ImportPreview.Row(row.line(), id, row.optional("name"), List.of()));
            } else if (!newRecords.get(id).equals(oldRecords.get(id))) {
                changed.add(new ImportPreview.Row(row.line(), id, row.optional("name"), SeedDiff.changes(old, row)));
            } else {
                unchanged++;
            }
        }
        return new ImportPreview(
                table, fileName, encoding, added, changed, unchanged, List.copyOf(refused.values()), general);
    }

    /** Each id's records (device and family row, or village) for comparing before and after. */
    private static Map<String, Object> records(Table table, List<Device> devices, Object source) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Device> byId = devices.stream().collect(Collectors.toMap(Device::id, d -> d, (a, b) -> a));
        List<Village> villages = source instanceof RegistryData d ? d.villages() : ((RegistrySeed) source).villages();
        List<Well> wells = source instanceof RegistryData d ? d.wells() : ((RegistrySeed) source).wells();
        List<Monitor> monitors = source instanceof RegistryData d ? d.monitors() : ((RegistrySeed) source).monitors();
        List<Gate> gates = source instanceof RegistryData d ? d.gates() : ((RegistrySeed) source).gates();
        switch (table) {
            case VILLAGES -> villages.forEach(v -> out.put(v.id(), v));
            case WELLS -> wells.forEach(w -> out.put(w.deviceId(), List.of(byId.get(w.deviceId()), w)));
            case MONITORS -> monitors.forEach(m -> out.put(m.deviceId(), List.of(byId.get(m.deviceId()), m)));
            case GATES -> gates.forEach(g -> out.put(g.deviceId(), List.of(byId.get(g.deviceId()), g)));
        }
        return out;
    }

    /** The part of a checked seed that the import writes: the rows of {@code ids}, with what they need. */
    static RegistrySeed part(RegistrySeed seed, Table table, Set<String> ids) {
        List<Device> devices = table == Table.VILLAGES
                ? List.of()
                : seed.devices().stream().filter(d -> ids.contains(d.id())).toList();
        return new RegistrySeed(
                seed.version(),
                List.of(),
                table == Table.VILLAGES
                        ? seed.villages().stream()
                                .filter(v -> ids.contains(v.id()))
                                .toList()
                        : List.of(),
                devices,
                table == Table.WELLS
                        ? seed.wells().stream()
                                .filter(w -> ids.contains(w.deviceId()))
                                .toList()
                        : List.of(),
                table == Table.MONITORS
                        ? seed.monitors().stream()
                                .filter(m -> ids.contains(m.deviceId()))
                                .toList()
                        : List.of(),
                table == Table.MONITORS
                        ? seed.monitorParameters().stream()
                                .filter(p -> ids.contains(p.deviceId()))
                                .toList()
                        : List.of(),
                table == Table.GATES
                        ? seed.gates().stream()
                                .filter(g -> ids.contains(g.deviceId()))
                                .toList()
                        : List.of());
    }

    /** The registry in the database as seed files. */
    private static Map<String, String> current(RegistryData data, String version) {
        RegistrySeed seed = new RegistrySeed(
                version,
                data.zones(),
                data.villages(),
                data.devices(),
                data.wells(),
                data.monitors(),
                data.monitorParameters(),
                data.gates());
        return SeedCsvWriter.write(seed, List.of(), Map.of());
    }
}
