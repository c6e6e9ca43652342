package org.urad.envmon.ingest.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Service;
import org.urad.envmon.ingest.config.RegistryProperties;

/**
 * Holds the current registry: an immutable snapshot replaced as a whole on every refresh, so
 * readers never see a half-updated registry. Loads the seed on startup when configured to.
 */
@Service
public class RegistryService implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(RegistryService.class);

    private record State(RegistryData data, RegistrySnapshot snapshot) {}

    private final RegistryRepository repository;
    private final RegistrySeedLoader loader;
    private final RegistryProperties properties;
    private volatile State state = new State(RegistryData.empty(), RegistrySnapshot.empty());

    public RegistryService(RegistryRepository repository, RegistrySeedLoader loader, RegistryProperties properties) {
        this.repository = repository;
        this.loader = loader;
        this.properties = properties;
    }

    /** The registry as last read from the database. */
    public Registry current() {
        return state.snapshot();
    }

    /** The tables behind {@link #current()}, for listings (villages, parameters per monitor). */
    public RegistryData data() {
        return state.data();
    }

    /** Re-reads the registry tables and swaps the snapshot. */
    public void refresh() {
        RegistryData data = repository.read();
        state = new State(data, data.snapshot());
        log.debug("Registry refreshed: {} devices", data.devices().size());
    }

    /** Loads the seed at {@code location} and refreshes; a refused seed leaves everything as it was. */
    public RegistrySeedLoader.Result loadSeed(String location) {
        RegistrySeedLoader.Result result = loader.load(location);
        refresh();
        return result;
    }

    /** Refreshes without letting a failure escape (the previous snapshot stays in force). */
    void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Registry refresh failed, keeping the previous snapshot: {}", e.toString());
        }
    }

    @Override
    public void afterPropertiesSet() {
        properties.sampleRefusal(repository.lastLoadedSource()).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        if (properties.loadSeed()) {
            try {
                loader.load(properties.seedLocation());
            } catch (RegistrySeedException e) {
                log.error("{}\nThe registry in the database stays as it was.", e.getMessage());
            }
        }
        refresh();
    }
}
