package org.urad.envmon.ingest.support;

/** The embedded HiveMQ that the service starts when no broker is configured. */
class HiveMqBrokerIntegrationTests extends BrokerContract {

    @Override
    TestBroker startBroker() {
        return HiveMqTestBroker.launch();
    }
}
