package org.urad.envmon.ingest.config.embedded;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded PostgreSQL and MQTT broker of this JVM. Every application context that uses them acquires them and
 * releases them on close; the last release stops them. A JVM shutdown hook stops them too.
 */
final class EmbeddedServices {

    /** Durable commits: the pipeline acknowledges MQTT messages only after they are committed. */
    private static final Map<String, String> SERVER_CONFIG = Map.of("synchronous_commit", "on", "timezone", "UTC");

    private static EmbeddedServices instance;
    private static int users;

    private final EmbeddedSettings settings;
    private EmbeddedPostgresServer postgres;
    private EmbeddedMqttBroker broker;

    private EmbeddedServices(EmbeddedSettings settings) {
        this.settings = settings;
    }

    static synchronized EmbeddedServices acquire(EmbeddedSettings settings, boolean database, boolean mqtt)
            throws IOException {
        if (instance == null) {
            if (settings.reset()) {
                UnprivilegedPostgresBinaries.deleteTree(settings.postgresDir());
                UnprivilegedPostgresBinaries.deleteTree(settings.mqttDir());
            }
            instance = new EmbeddedServices(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServices::stopAll, "embedded-services-stop"));
        }
        instance.startMissing(database, mqtt);
        users++;
        return instance;
    }

    static synchronized void release() {
        if (instance != null && --users <= 0) {
            stopAll();
        }
    }

    private static synchronized void stopAll() {
        if (instance == null) {
            return;
        }
        EmbeddedServices services = instance;
        instance = null;
        users = 0;
        if (services.broker != null) {
            services.broker.close();
        }
        if (services.postgres != null) {
            try {
                services.postgres.close();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not stop", e);
            }
        }
    }

    private void startMissing(boolean database, boolean mqtt) throws IOException {
        if (database && postgres == null) {
            postgres = EmbeddedPostgresServer.start(
                    settings.postgresDir(), settings.postgresPort(), settings.database(), SERVER_CONFIG);
        }
        if (mqtt && broker == null) {
            broker = EmbeddedMqttBroker.start(settings.mqttDir(), settings.mqttBindAddress(), settings.mqttPort());
        }
    }

    EmbeddedSettings settings() {
        return settings;
    }

    Optional<EmbeddedPostgresServer> postgres() {
        return Optional.ofNullable(postgres);
    }

    Optional<EmbeddedMqttBroker> broker() {
        return Optional.ofNullable(broker);
    }
}
