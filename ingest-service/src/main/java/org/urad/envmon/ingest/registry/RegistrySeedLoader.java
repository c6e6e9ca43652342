package org.urad.envmon.ingest.registry;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a registry seed ({@code classpath:…/} or {@code file:…/} directory) into the database in one
 * transaction, records a {@code registry_load} row, and skips seeds whose checksum matches the last
 * load. A seed with problems is refused whole ({@link RegistrySeedException}); nothing is written.
 */
@Component
public class RegistrySeedLoader {

    /** Serialises loads across service instances sharing one database. */
    private static final long LOCK_KEY = 0x5245_4749_5354_5259L;

    private static final Logger log = LoggerFactory.getLogger(RegistrySeedLoader.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ResourceLoader resources;
    private final RegistryRepository repository;

    public RegistrySeedLoader(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            ResourceLoader resources,
            RegistryRepository repository) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.resources = resources;
        this.repository = repository;
    }

    /** What a load did: {@code loaded} is false when the same checksum was already loaded. */
    public record Result(boolean loaded, String version, String checksum, int devices, int deactivated) {}

    /**
     * Writes part of a registry (rows imported in the console) in one transaction, under the same lock as
     * seed loads. It is no seed load: no {@code registry_load} row, so an unchanged seed stays skipped.
     */
    void upsert(RegistrySeed part) {
        transaction.executeWithoutResult(tx -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)::text", String.class, LOCK_KEY);
            new RegistrySeedWriter(jdbc).upsert(part);
        });
    }

    public Result load(String location) {
        SeedFiles seedFiles = SeedFiles.read(resources, location);
        String directory = seedFiles.directory();
        String checksum = seedFiles.checksum();
        SeedParser parser = new SeedParser(repository.parameters());
        return transaction.execute(tx -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)::text", String.class, LOCK_KEY);
            List<String> last =
                    jdbc.queryForList("SELECT checksum FROM registry_load ORDER BY id DESC LIMIT 1", String.class);
            if (last.contains(checksum)) {
                log.info("Registry seed {} unchanged (sha-256 {}), not reloaded", directory, checksum);
                return new Result(false, null, checksum, 0, 0);
            }
            RegistrySeed seed = parser.parse(directory, seedFiles.files());
            int deactivated = new RegistrySeedWriter(jdbc).write(seed);
            jdbc.update(
                    "INSERT INTO registry_load (version, checksum, source, devices) VALUES (?, ?, ?, ?)",
                    seed.version(),
                    checksum,
                    directory,
                    seed.devices().size());
            log.info(
                    "Registry seed {} version {} loaded: {} devices, {} marked inactive",
                    directory,
                    seed.version(),
                    seed.devices().size(),
                    deactivated);
            return new Result(true, seed.version(), checksum, seed.devices().size(), deactivated);
        });
    }
}
