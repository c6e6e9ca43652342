package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.TestBroker;

/** Verifies that the service reconnects and resubscribes after a broker restart and loses nothing. */
class BrokerRestartIntegrationTests {

    private static final int BEFORE = 2000;
    private static final int AFTER = 1000;

    @Test
    void reconnectsResubscribesAndStoresEverythingAfterABrokerRestart() throws Exception {
        try (TestBroker broker = TestBroker.create();
                Scenario s = new Scenario("broker restarted mid-stream")) {
            Assumptions.assumeTrue(broker.canRestart(), "the configured broker cannot be restarted");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            s.start(s.properties(broker.url(), Scenario.clientId()), meters);
            try (MqttPublisher publisher = s.publisher(broker.url())) {
                s.publish(publisher, 0, BEFORE);
                assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();
            }
            s.awaitStored(BEFORE / 10);

            // WHEN the broker restarts while it still holds readings for the service
            long atRestart = s.stored();
            broker.restart();
            long restarted = System.nanoTime();
            try (MqttPublisher publisher = s.publisher(broker.url())) {
                s.publish(publisher, BEFORE, BEFORE + AFTER);
                assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();
            }

            // THEN the service reconnects and every reading is stored once
            assertThat(s.awaitStored(BEFORE + AFTER)).isEqualTo(BEFORE + AFTER);
            Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
            FaultReport.Row row = s.report(BEFORE + AFTER, 0, recovery);
            System.out.printf("fault-suite broker restart: %d stored before the restart%n", atRestart);
            assertThat(Scenario.counter(meters, IngestMetrics.MQTT_CONNECTS)).isGreaterThanOrEqualTo(2);
            assertThat(row.lost()).isZero();
            assertThat(row.duplicated()).isZero();
        }
    }
}
