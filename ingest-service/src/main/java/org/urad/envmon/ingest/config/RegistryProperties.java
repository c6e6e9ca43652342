package org.urad.envmon.ingest.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.registry.*}: where the registry seed lives and how often the in-memory registry is
 * re-read from the database.
 *
 * @param seedLocation directory of the seed CSV files, {@code classpath:…/} or {@code file:…/}
 * @param loadSeed load the seed on startup (skipped when its checksum was already loaded)
 * @param refreshInterval how often the in-memory registry is re-read from the database
 */
@ConfigurationProperties("ingest.registry")
public record RegistryProperties(
        @DefaultValue("classpath:registry/sample/") String seedLocation,
        @DefaultValue("true") boolean loadSeed,
        @DefaultValue("1m") Duration refreshInterval) {}
