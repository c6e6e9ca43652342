package org.urad.envmon.ingest.extract;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * comes from {@code SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD}; with
 * {@code --ingest.extract.datasource.url} (and {@code .username}, {@code .password}: a replica, a role with
 * only {@code SELECT}) the extract reads there, read-only. On a read-only database the aggregates are not
 * refreshed first: the service refreshes them on the primary, and the replica follows.
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
        ExtractDataSourceProperties replica = new ExtractDataSourceProperties(
                options.get("ingest.extract.datasource.url"),
                options.get("ingest.extract.datasource.username"),
                options.get("ingest.extract.datasource.password"));
        ExtractReport report;
        if (replica.configured()) {
            try (HikariDataSource reads = ReadOnlyPool.open(replica)) {
                report = extract(reads, settings, period);
            }
        } else {
            report = extract(
                    new DriverManagerDataSource(
                            CommandOptions.require(options, "spring.datasource.url"),
                            options.getOrDefault("spring.datasource.username", "postgres"),
                            options.getOrDefault("spring.datasource.password", "")),
                    settings,
                    period);
        }
        try (OutputStream stream = Files.newOutputStream(out)) {
            ExtractFiles.write(report, format, Lang.of(options.get("ingest.extract.lang")), stream);
        }
        System.out.println("wrote " + report.indicators().size() + " indicators for " + period.label() + " to " + out);
    }

    private static ExtractReport extract(DataSource dataSource, ExtractProperties settings, ReportPeriod period) {
        refreshRollups(dataSource);
        return new Extractor(dataSource, settings, Clock.systemUTC()).extract(period);
    }

    /**
     * Brings late data into the aggregates (on plain PostgreSQL, also materialises what the views would
     * otherwise compute from raw rows); not on a read-only database, which cannot and need not.
     */
    private static void refreshRollups(DataSource dataSource) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (readOnly(c)) {
                System.out.println("read-only database: aggregates as the primary last refreshed them");
                return;
            }
            Rollups.refresh(c, Rollups.DEFAULT_LAG)
                    .ifPresent(rows -> System.out.printf(
                            "refreshed rollups: %d rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot refresh the rollups", e);
        }
    }

    private static boolean readOnly(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
            return rs.next() && "on".equals(rs.getString(1));
        }
    }

    /** Whether the arguments ask for an extract rather than the service. */
    public static boolean requested(String[] args) {
        return CommandOptions.parse(args).containsKey(PERIOD);
    }
}
