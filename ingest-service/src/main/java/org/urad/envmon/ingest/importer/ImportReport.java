package org.urad.envmon.ingest.importer;

import java.time.Duration;
import java.util.List;

/**
 * What an import did: rows read, values stored for the first time, already stored (the same value again),
 * revisions (another value for a stored key, kept in {@code reading_revision}), and every refused row
 * with its row number and reason ({@link #MAX_LISTED} at most listed; {@code refused} counts them all).
 */
public record ImportReport(
        String source,
        boolean dryRun,
        long rows,
        long stored,
        long duplicates,
        long revised,
        long refused,
        List<Refused> refusedRows,
        Duration took) {

    public static final int MAX_LISTED = 10_000;

    /** One refused row: its number in the file (the header is row 1), the reason code and the detail. */
    public record Refused(long row, String reason, String detail) {}

    public double rowsPerSecond() {
        return took.isZero() ? rows : rows / (took.toNanos() / 1e9);
    }

    public String summary() {
        String head =
                "%s: %d rows in %.1f s (%,.0f rows/s): ".formatted(source, rows, took.toNanos() / 1e9, rowsPerSecond());
        if (dryRun) {
            return head + "dry run, nothing written: %d rows acceptable, %d refused".formatted(stored, refused);
        }
        return head
                + "%d stored, %d already stored, %d revised, %d refused"
                        .formatted(stored, duplicates, revised, refused);
    }
}
