package org.urad.envmon.ingest.extract;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The connections extracts read through: a small read-only pool onto {@code ingest.extract.datasource}
 * (every transaction read-only, so even a role with more rights writes nothing), or the service's own
 * database when that is not set.
 */
final class ReadOnlyPool implements AutoCloseable {

    private final DataSource reads;
    private final HikariDataSource own;

    private ReadOnlyPool(DataSource reads, HikariDataSource own) {
        this.reads = reads;
        this.own = own;
    }

    static ReadOnlyPool of(ExtractDataSourceProperties settings, DataSource fallback) {
        if (!settings.configured()) {
            return new ReadOnlyPool(fallback, null);
        }
        HikariDataSource pool = open(settings);
        return new ReadOnlyPool(pool, pool);
    }

    static HikariDataSource open(ExtractDataSourceProperties settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("extract-read");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setReadOnly(true);
        config.setConnectionInitSql("SET default_transaction_read_only = on");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    DataSource dataSource() {
        return reads;
    }

    @Override
    public void close() {
        if (own != null) {
            own.close();
        }
    }
}
