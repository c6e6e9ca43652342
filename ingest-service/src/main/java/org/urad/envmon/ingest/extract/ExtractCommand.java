package org.urad.envmon.ingest.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.urad.envmon.ingest.config.CommandOptions;

/**
 * Writes an extract file from the command line without starting the service:
 * {@code --ingest.extract.period=2025-Q3 --ingest.extract.out=file.xlsx [--ingest.extract.lang=en]
 * [--ingest.extract.format=csv] [--spring.datasource.url=jdbc:postgresql://...]}. The database also
 * comes from {@code SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD}.
 */
public final class ExtractCommand {

    public static final String PERIOD = "ingest.extract.period";

    private ExtractCommand() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = CommandOptions.parse(args);
        Path out = Path.of(CommandOptions.require(options, "ingest.extract.out"));
        ReportPeriod period = ReportPeriod.parse(CommandOptions.require(options, PERIOD));
        ExtractFormat format = options.containsKey("ingest.extract.format")
                ? ExtractFormat.of(options.get("ingest.extract.format"))
                : ExtractFormat.ofFileName(out.getFileName().toString());
        ExtractProperties settings = new Binder(new MapConfigurationPropertySource(options))
                .bindOrCreate("ingest.extract", ExtractProperties.class);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                CommandOptions.require(options, "spring.datasource.url"),
                options.getOrDefault("spring.datasource.username", "postgres"),
                options.getOrDefault("spring.datasource.password", ""));
        refreshRollups(dataSource);
        ExtractReport report = new Extractor(dataSource, settings, Clock.systemUTC()).extract(period);
        try (OutputStream stream = Files.newOutputStream(out)) {
            ExtractFiles.write(report, format, Lang.of(options.get("ingest.extract.lang")), stream);
        }
        System.out.println("wrote " + report.indicators().size() + " indicators for " + period.label() + " to " + out);
    }

    /** On plain PostgreSQL, materialises what the aggregate views would otherwise compute from raw rows. */
    private static void refreshRollups(DataSource dataSource) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            Rollups.refresh(c, Rollups.DEFAULT_LAG)
                    .ifPresent(rows -> System.out.printf(
                            "refreshed rollups: %d rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot refresh the rollups", e);
        }
    }

    /** Whether the arguments ask for an extract rather than the service. */
    public static boolean requested(String[] args) {
        return CommandOptions.parse(args).containsKey(PERIOD);
    }
}
