package org.urad.envmon.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.urad.envmon.ingest.config.embedded.EmbeddedMqttBroker;

/** The service's embedded HiveMQ in a temporary directory, on a free loopback port. */
final class HiveMqTestBroker implements TestBroker {

    private final EmbeddedMqttBroker broker;

    private HiveMqTestBroker(EmbeddedMqttBroker broker) {
        this.broker = broker;
    }

    static HiveMqTestBroker launch() {
        try {
            return new HiveMqTestBroker(
                    EmbeddedMqttBroker.start(Files.createTempDirectory("ingest-test-hivemq"), "127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded HiveMQ", e);
        }
    }

    @Override
    public String url() {
        return broker.url();
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public void stop() {
        broker.stop();
    }

    @Override
    public void start() {
        broker.start();
    }

    @Override
    public void close() {
        broker.close();
        try {
            TestPostgres.deleteTree(broker.dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return broker.dir();
    }
}
