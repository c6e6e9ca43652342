package org.urad.envmon.ingest.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import org.urad.envmon.ingest.security.AuditLog;

/**
 * One import file, end to end: read it (CSV in UTF-8 or GB18030/GBK, or XLSX), import its rows
 * ({@link Importer}), then tell the aggregates which data arrived late ({@link LateArrivals}) and judge
 * every window the data marked, oldest first (the rules' catch-up), so that when it returns the extracts
 * and the alerts already say what the file says. The audit log records who imported what.
 */
public final class HistoryImport {

    /** Told that data older than the aggregates' materialised range were written (an import, a replay). */
    @FunctionalInterface
    public interface LateArrivals {
        LateArrivals NONE = () -> {};

        /** Called after the writes commit; refreshes what the late buckets invalidated. */
        void arrived();
    }

    private final Importer importer;
    private final LateArrivals late;
    private final IntSupplier catchUp;
    private final AuditLog audit;

    public HistoryImport(Importer importer, LateArrivals late, IntSupplier catchUp, AuditLog audit) {
        this.importer = importer;
        this.late = late;
        this.catchUp = catchUp;
        this.audit = audit;
    }

    /** The outcome of one file: the import report and how many marked windows were then judged. */
    public record Result(ImportReport report, int windowsJudged) {}

    public Result importFile(String name, byte[] bytes, boolean dryRun, String actor, Importer.Progress progress)
            throws IOException, SQLException, InterruptedException {
        Iterator<ImportRow> rows;
        long total;
        if (isXlsx(name, bytes)) {
            List<ImportRow> all = XlsxRows.read(new ByteArrayInputStream(bytes));
            rows = all.iterator();
            total = all.size();
        } else {
            String text = TextDecoding.decode(bytes).text();
            rows = new CsvRows(text);
            total = Math.max(0, lines(text) - 1);
        }
        ImportReport report = importer.run(name, rows, total, dryRun, progress);
        int judged = 0;
        if (!dryRun) {
            late.arrived();
            judged = catchUp.getAsInt();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("file", name);
        after.put("bytes", bytes.length);
        after.put("dry_run", dryRun);
        after.put("rows", report.rows());
        after.put("stored", report.stored());
        after.put("duplicates", report.duplicates());
        after.put("revised", report.revised());
        after.put("refused", report.refused());
        after.put("windows_judged", judged);
        audit.record(actor, dryRun ? "readings.import.dry_run" : "readings.import", "import/" + name, null, after);
        return new Result(report, judged);
    }

    static boolean isXlsx(String name, byte[] bytes) {
        return name.toLowerCase(Locale.ROOT).endsWith(".xlsx")
                || (bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4);
    }

    private static long lines(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return text.isEmpty() || text.charAt(text.length() - 1) == '\n' ? n : n + 1;
    }
}
