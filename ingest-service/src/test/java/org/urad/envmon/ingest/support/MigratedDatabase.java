package org.urad.envmon.ingest.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** A fresh database with the project's migrations applied, and a pool onto it. */
public final class MigratedDatabase implements AutoCloseable {

    public static final Map<String, String> PLACEHOLDERS =
            Map.of("timescaledb", "auto", "compress_after", "30 days", "raw_retention", "10 years");

    private final String url;
    private final HikariDataSource dataSource;

    private MigratedDatabase(String url, HikariDataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
    }

    public static MigratedDatabase create(String prefix) {
        String url = TestServices.freshDatabase(prefix);
        migrate(url);
        return new MigratedDatabase(url, pool(url));
    }

    public static void migrate(String url) {
        Flyway.configure()
                .dataSource(url, TestServices.user(), TestServices.password())
                .locations("classpath:db/migration")
                .placeholders(PLACEHOLDERS)
                .load()
                .migrate();
    }

    public static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(TestServices.user());
        config.setPassword(TestServices.password());
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(2_000);
        return new HikariDataSource(config);
    }

    public String url() {
        return url;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
