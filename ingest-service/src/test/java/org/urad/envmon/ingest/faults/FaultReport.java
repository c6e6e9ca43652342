package org.urad.envmon.ingest.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The fault suite's result table: one row per scenario, printed and collected in {@code
 * target/fault-suite.md} (started afresh by the first scenario of a test run).
 */
final class FaultReport {

    static final Path FILE = Path.of("target", "fault-suite.md");
    private static final String HEADER =
            "| scenario | published | stored | lost | duplicated | quarantined | recovery |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n";
    private static boolean started;

    record Row(
            String scenario,
            long published,
            long stored,
            long lost,
            long duplicated,
            long quarantined,
            Duration recovery) {

        String markdown() {
            return "| %s | %d | %d | %d | %d | %d | %s |\n"
                    .formatted(
                            scenario,
                            published,
                            stored,
                            lost,
                            duplicated,
                            quarantined,
                            recovery == null ? "–" : "%.1f s".formatted(recovery.toMillis() / 1000.0));
        }
    }

    private FaultReport() {}

    static synchronized void add(Row row) {
        System.out.print("fault-suite " + HEADER.lines().findFirst().orElseThrow() + "\nfault-suite " + row.markdown());
        try {
            Files.createDirectories(FILE.getParent());
            if (!started) {
                Files.writeString(FILE, "# Fault suite\n\n" + HEADER);
                started = true;
            }
            Files.writeString(FILE, row.markdown(), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
