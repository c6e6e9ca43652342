package org.urad.envmon.ingest.importer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.urad.envmon.ingest.config.CommandOptions;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.extract.Rollups;
import org.urad.envmon.ingest.normalise.NormaliseSettings;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.registry.RegistryRepository;
import org.urad.envmon.ingest.rules.OfflineRules;
import org.urad.envmon.ingest.rules.RulesProperties;
import org.urad.envmon.ingest.security.AuditLog;
import org.urad.envmon.ingest.store.BatchWriter;

/**
 * {@code import FILE… [--dry-run] [--user=NAME] [--spring.datasource.url=…]}: loads history files into the
 * database without the service, then judges what they changed (see {@link HistoryImport}). Settings as for
 * the service ({@code --ingest.limits.max-future-skew=…}, {@code --ingest.rules.catalogue=…}); the database
 * also from {@code SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD}. Exit status 0 when every
 * row was stored, 2 when some were refused, 1 on an error.
 */
public final class ImportCommand {

    public static final String COMMAND = "import";

    private ImportCommand() {}

    /** Whether the arguments ask for an import rather than the service. */
    public static boolean requested(String[] args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> options = CommandOptions.parse(args);
        boolean dryRun = List.of(args).contains("--dry-run");
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            err.println("usage: import FILE… [--dry-run] [--user=NAME]  (CSV or XLSX; header"
                    + " device_id,parameter,time,value[,unit,flag,period,stat])");
            return 1;
        }
        String user = options.getOrDefault("user", System.getProperty("user.name", "system"));
        Binder binder = new Binder(new MapConfigurationPropertySource(options));
        IngestProperties ingest = binder.bindOrCreate("ingest", IngestProperties.class);
        RulesProperties rules = binder.bindOrCreate("ingest.rules", RulesProperties.class);
        Clock clock = Clock.systemUTC();
        boolean refusedAny = false;
        try (HikariDataSource dataSource = pool(options);
                OfflineRules judged = new OfflineRules(dataSource, registry(dataSource), rules, clock)) {
            Registry registry = registry(dataSource).get();
            Importer importer = new Importer(
                    new BatchWriter(dataSource),
                    new Normaliser(new NormaliseSettings(
                                    ingest.limits().maxFutureSkew(),
                                    ingest.limits().maxAge(),
                                    ingest.manualValuesValid())
                            .withoutAgeLimit()),
                    () -> registry,
                    judged.batches().synchronous(),
                    rules.zone(),
                    clock);
            HistoryImport history = new HistoryImport(
                    importer,
                    () -> refreshRollups(dataSource, out),
                    judged.catchUp()::run,
                    new AuditLog(dataSource, clock));
            for (Path file : files) {
                HistoryImport.Result result = history.importFile(
                        file.getFileName().toString(), Files.readAllBytes(file), dryRun, user, progress(err));
                err.println();
                ImportReport report = result.report();
                for (ImportReport.Refused r : report.refusedRows()) {
                    out.printf("%s: row %d refused (%s): %s%n", file.getFileName(), r.row(), r.reason(), r.detail());
                }
                if (report.refused() > report.refusedRows().size()) {
                    out.printf(
                            "… and %d more refused rows%n",
                            report.refused() - report.refusedRows().size());
                }
                out.println(report.summary());
                if (!dryRun) {
                    out.printf("judged %d marked windows, oldest first%n", result.windowsJudged());
                }
                refusedAny |= report.refused() > 0;
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("import failed: " + e.getMessage());
            return 1;
        }
        return refusedAny ? 2 : 0;
    }

    /** One line, rewritten in place: rows done, rows/s, time left. */
    static Importer.Progress progress(PrintStream err) {
        return (rows, total, elapsed) -> {
            double seconds = Math.max(1e-3, elapsed.toNanos() / 1e9);
            double rate = rows / seconds;
            String left = total > 0 && rate > 0
                    ? Duration.ofSeconds(Math.round((total - rows) / rate))
                            .toString()
                            .substring(2)
                            .toLowerCase()
                    : "?";
            err.printf(
                    "\rrows %,d%s  %,.0f rows/s  %s left   ",
                    rows, total > 0 ? " of " + String.format("%,d", total) : "", rate, left);
            err.flush();
        };
    }

    private static java.util.function.Supplier<Registry> registry(DataSource dataSource) {
        RegistryRepository repository =
                new RegistryRepository(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
        Registry registry = repository.read().snapshot();
        return () -> registry;
    }

    private static void refreshRollups(DataSource dataSource, PrintStream out) {
        try (Connection c = dataSource.getConnection()) {
            Rollups.refresh(c, Rollups.DEFAULT_LAG).ifPresent(rows -> out.printf("refreshed rollups: %d rows%n", rows));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot refresh the rollups", e);
        }
    }

    private static HikariDataSource pool(Map<String, String> options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(CommandOptions.require(options, "spring.datasource.url"));
        config.setUsername(options.getOrDefault("spring.datasource.username", "postgres"));
        config.setPassword(options.getOrDefault("spring.datasource.password", ""));
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
