package org.urad.envmon.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.urad.envmon.ingest.importer.HistoryImport;
import org.urad.envmon.ingest.importer.ImportReport;
import org.urad.envmon.ingest.importer.Importer;
import org.urad.envmon.ingest.normalise.NormaliseSettings;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.rules.OfflineRules;
import org.urad.envmon.ingest.rules.RulesProperties;
import org.urad.envmon.ingest.security.AuditLog;
import org.urad.envmon.ingest.store.BatchWriter;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.SyntheticRegistry;

/**
 * The import path as the {@code import} command runs it: a CSV of daily flows of {@code wells} wells (one
 * row per well and day, local times, UTF-8) read, checked by the normaliser, written by the BatchWriter in
 * 5,000-row batches and handed to the point rules; then the rollups refreshed and the marked quarters judged.
 */
final class ImportSpeed {

    /** Rows per second of the import itself, and the whole command's seconds (with the catch-up). */
    record Result(long rows, double rowsPerSecond, double importSeconds, double totalSeconds) {}

    private ImportSpeed() {}

    static Result run(int wells, int days) throws Exception {
        byte[] csv = csv(wells, days);
        RegistrySnapshot registry = SyntheticRegistry.create(wells, 0);
        try (MigratedDatabase db = MigratedDatabase.create("bench_import")) {
            RulesProperties rules = new Binder(new MapConfigurationPropertySource(java.util.Map.of()))
                    .bindOrCreate("ingest.rules", RulesProperties.class);
            Clock clock = Clock.systemUTC();
            try (OfflineRules judged = new OfflineRules(db.dataSource(), () -> registry, rules, clock)) {
                Importer importer = new Importer(
                        new BatchWriter(db.dataSource()),
                        new Normaliser(new NormaliseSettings(
                                        java.time.Duration.ofMinutes(10), java.time.Duration.ofDays(400), false)
                                .withoutAgeLimit()),
                        () -> registry,
                        judged.batches().synchronous(),
                        rules.zone(),
                        clock);
                HistoryImport history = new HistoryImport(
                        importer,
                        HistoryImport.LateArrivals.NONE,
                        judged.catchUp()::run,
                        new AuditLog(db.dataSource(), clock));
                long start = System.nanoTime();
                HistoryImport.Result result =
                        history.importFile("bench.csv", csv, false, "bench", Importer.Progress.NONE);
                double total = (System.nanoTime() - start) / 1e9;
                ImportReport r = result.report();
                if (r.stored() != (long) wells * days) {
                    throw new IllegalStateException("stored " + r.stored() + " of " + (long) wells * days + ": "
                            + r.refusedRows().stream().limit(3).toList());
                }
                return new Result(r.rows(), r.rowsPerSecond(), r.took().toNanos() / 1e9, total);
            }
        }
    }

    private static byte[] csv(int wells, int days) {
        StringBuilder s = new StringBuilder(wells * days * 48);
        s.append("device_id,parameter,time,value,unit\n");
        LocalDate first = LocalDate.of(2020, 1, 1);
        for (int d = 0; d < days; d++) {
            String day = first.plusDays(d).toString();
            for (int w = 1; w <= wells; w++) {
                s.append(SyntheticRegistry.well(w))
                        .append(",flow,")
                        .append(day)
                        .append(" 08:00,")
                        .append(String.format(Locale.ROOT, "%.3f", 10 + (w % 50) + d * 0.001))
                        .append(",m3/h\n");
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
