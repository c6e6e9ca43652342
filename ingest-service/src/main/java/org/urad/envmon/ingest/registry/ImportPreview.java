package org.urad.envmon.ingest.registry;

import java.util.List;

/**
 * What importing one registry file would do, row by row: rows added, rows changed (with each change),
 * rows refused (with every reason, the same checks as for seed files), and problems with the file as a whole,
 * which stop the import.
 */
public record ImportPreview(
        RegistryImports.Table table,
        String fileName,
        String encoding,
        List<Row> added,
        List<Row> changed,
        int unchanged,
        List<Refused> refused,
        List<String> problems) {

    public ImportPreview {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        refused = List.copyOf(refused);
        problems = List.copyOf(problems);
    }

    /** A row that passed; {@code changes} reads "column: before → after". */
    public record Row(int line, String id, String name, List<String> changes) {}

    public record Refused(int line, String id, List<String> reasons) {}

    /** Whether applying would write anything. */
    public boolean applicable() {
        return problems.isEmpty() && (!added.isEmpty() || !changed.isEmpty());
    }
}
