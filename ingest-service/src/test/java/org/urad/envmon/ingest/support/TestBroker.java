package org.urad.envmon.ingest.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An MQTT broker for an integration test. {@link #create()} picks, in order: the broker named by
 * {@code INGEST_TEST_MQTT_URL} (used as is, cannot be restarted); a dedicated mosquitto process when
 * {@code INGEST_TEST_MOSQUITTO} names its binary, running the project's {@code deploy/mosquitto/mosquitto.conf}
 * on its own port and persistence directory; an embedded HiveMQ on a free port. Restarts keep persistent
 * sessions and their queued messages.
 */
public interface TestBroker extends AutoCloseable {

    String url();

    /** Whether {@link #stop()}, {@link #start()} and {@link #restart()} work (not for an external broker). */
    boolean canRestart();

    void stop();

    /** Starts the broker again on the same port, with its persisted state. */
    void start();

    default void restart() {
        stop();
        start();
    }

    /** Stops the broker and removes its state. */
    @Override
    void close();

    static TestBroker create() {
        String url = System.getenv("INGEST_TEST_MQTT_URL");
        if (url != null && !url.isBlank()) {
            return new ExternalTestBroker(url);
        }
        String mosquitto = System.getenv("INGEST_TEST_MOSQUITTO");
        if (mosquitto != null && !mosquitto.isBlank()) {
            return MosquittoTestBroker.launch(Path.of(mosquitto));
        }
        return HiveMqTestBroker.launch();
    }

    /** The project's mosquitto configuration (tests run in the module directory). */
    static Path projectMosquittoConfig() {
        Path config = Path.of("deploy/mosquitto/mosquitto.conf");
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("no " + config.toAbsolutePath());
        }
        return config;
    }
}
