package org.urad.envmon.ingest.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mosquitto with the project's {@code deploy/mosquitto/mosquitto.conf}: the binary named by
 * {@code INGEST_TEST_MOSQUITTO}, else {@code /usr/sbin/mosquitto}; skipped where there is none.
 */
class MosquittoBrokerIntegrationTests extends BrokerContract {

    @Override
    TestBroker startBroker() {
        String named = System.getenv("INGEST_TEST_MOSQUITTO");
        Path binary = Path.of(named == null || named.isBlank() ? "/usr/sbin/mosquitto" : named);
        assumeTrue(Files.isExecutable(binary), "no mosquitto binary at " + binary);
        return MosquittoTestBroker.launch(binary);
    }
}
