package org.urad.envmon.ingest.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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
        Map<String, String> options = options(args);
        Path out = Path.of(require(options, "ingest.extract.out"));
        ReportPeriod period = ReportPeriod.parse(require(options, PERIOD));
        ExtractFormat format = options.containsKey("ingest.extract.format")
                ? ExtractFormat.of(options.get("ingest.extract.format"))
                : ExtractFormat.ofFileName(out.getFileName().toString());
        ExtractProperties settings = new Binder(new MapConfigurationPropertySource(options))
                .bindOrCreate("ingest.extract", ExtractProperties.class);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                require(options, "spring.datasource.url"),
                options.getOrDefault("spring.datasource.username", "postgres"),
                options.getOrDefault("spring.datasource.password", ""));
        ExtractReport report = new Extractor(dataSource, settings, Clock.systemUTC()).extract(period);
        try (OutputStream stream = Files.newOutputStream(out)) {
            ExtractFiles.write(report, format, Lang.of(options.get("ingest.extract.lang")), stream);
        }
        System.out.println("wrote " + report.indicators().size() + " indicators for " + period.label() + " to " + out);
    }

    /** Whether the arguments ask for an extract rather than the service. */
    public static boolean requested(String[] args) {
        return options(args).containsKey(PERIOD);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        env(options, "SPRING_DATASOURCE_URL", "spring.datasource.url");
        env(options, "SPRING_DATASOURCE_USERNAME", "spring.datasource.username");
        env(options, "SPRING_DATASOURCE_PASSWORD", "spring.datasource.password");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        return options;
    }

    private static void env(Map<String, String> options, String name, String key) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            options.put(key, value);
        }
    }

    private static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }
}
