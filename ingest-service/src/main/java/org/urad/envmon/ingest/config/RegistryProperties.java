package org.urad.envmon.ingest.config;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.registry.*}: where the registry seed lives and how often the in-memory registry is
 * re-read from the database.
 *
 * @param seedLocation directory of the seed CSV files, {@code classpath:…/} or {@code file:…/}
 * @param loadSeed load the seed on startup (skipped when its checksum was already loaded)
 * @param refreshInterval how often the in-memory registry is re-read from the database
 * @param allowSample whether the service may run on the built-in sample registry (593 made-up devices whose HJ 212
 *     password is {@code 123456}); the {@code production} profile sets it false, so a stack without the real
 *     registry refuses to start instead of taking data under sample credentials
 */
@ConfigurationProperties("ingest.registry")
public record RegistryProperties(
        @DefaultValue(SAMPLE) String seedLocation,
        @DefaultValue("true") boolean loadSeed,
        @DefaultValue("1m") Duration refreshInterval,
        @DefaultValue("true") boolean allowSample) {

    /** The sample registry inside the jar. */
    public static final String SAMPLE = "classpath:registry/sample/";

    /**
     * Why the service must not start, if it must not: the sample registry is configured to be loaded, or is what the
     * database last loaded ({@code lastLoadedSource}, null when nothing was loaded), and it is not allowed.
     */
    public Optional<String> sampleRefusal(String lastLoadedSource) {
        if (allowSample) {
            return Optional.empty();
        }
        String why = loadSeed && isSample(seedLocation)
                ? "ingest.registry.seed-location is the built-in sample registry"
                : isSample(lastLoadedSource) ? "the database holds the built-in sample registry" : null;
        return Optional.ofNullable(why)
                .map(w -> w + " (made-up devices, HJ 212 password 123456) and ingest.registry.allow-sample is false:"
                        + " mount the real registry and set ingest.registry.seed-location=file:/its/directory/"
                        + " (compose: INGEST_REGISTRY_DIR in .env), or set ingest.registry.allow-sample=true to"
                        + " run on the sample deliberately");
    }

    static boolean isSample(String location) {
        if (location == null) {
            return false;
        }
        String l = location.strip().replace("classpath:/", "classpath:").replace("classpath*:", "classpath:");
        return (l.endsWith("/") ? l : l + "/").equals(SAMPLE);
    }
}
