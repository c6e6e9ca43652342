package org.urad.envmon.ingest.registry;

import java.time.Duration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.urad.envmon.ingest.config.RegistryProperties;
import org.urad.envmon.ingest.support.MigratedDatabase;

/** A fresh, migrated database with the registry beans wired by hand over it. */
final class RegistryFixture implements AutoCloseable {

    private final MigratedDatabase database = MigratedDatabase.create("registry");
    final JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
    final RegistryService service;

    RegistryFixture() {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
        RegistryRepository repository = new RegistryRepository(jdbc, transactions);
        RegistrySeedLoader loader = new RegistrySeedLoader(jdbc, transactions, new DefaultResourceLoader(), repository);
        service = new RegistryService(
                repository,
                loader,
                new RegistryProperties("classpath:registry/sample/", false, Duration.ofMinutes(1), true));
    }

    int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    @Override
    public void close() {
        database.close();
    }
}
