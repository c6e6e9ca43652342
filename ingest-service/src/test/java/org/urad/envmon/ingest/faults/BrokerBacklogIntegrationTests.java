package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.MosquittoTestBroker;
import org.urad.envmon.ingest.support.SyntheticRegistry;
import org.urad.envmon.ingest.support.TestBroker;

/**
 * Verifies what happens when publishers outrun the service (its table locked while they publish): with
 * the project's mosquitto configuration nothing is lost; with mosquitto's defaults the broker drops
 * messages, and the service reports every one of them through {@code ingest.sequence.gaps}.
 */
class BrokerBacklogIntegrationTests {

    private static final int DEVICES = 20;
    private static final int ROUNDS =
            800; // 16,000 messages: beyond the service's Receive Maximum (10,000) plus mosquitto's default queue
    // (1,000)
    private static final Duration LOCKED = Duration.ofSeconds(2);

    @Test
    void losesNothingWithTheProjectsBrokerConfiguration() throws Exception {
        try (TestBroker broker = MosquittoTestBroker.launch(mosquitto(), TestBroker.projectMosquittoConfig())) {
            Outcome o = run(broker, "publishers outrun the service, project mosquitto.conf");
            assertThat(o.row().lost()).isZero();
            assertThat(o.row().duplicated()).isZero();
            assertThat(o.gaps()).isZero();
        }
    }

    @Test
    void reportsTheMessagesMosquittosDefaultsDropAsSequenceGaps() throws Exception {
        try (TestBroker broker = MosquittoTestBroker.launch(mosquitto(), debianDefaults())) {
            Outcome o = run(broker, "publishers outrun the service, mosquitto defaults");
            assertThat(o.row().lost()).isPositive();
            assertThat(o.row().duplicated()).isZero();
            assertThat(o.gaps()).isEqualTo(o.row().lost());
        }
    }

    private record Outcome(FaultReport.Row row, long gaps) {}

    private static Outcome run(TestBroker broker, String name) throws Exception {
        try (Scenario s = new Scenario(name)) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            IngestPipeline pipeline = s.start(
                    s.properties(broker.url(), Scenario.clientId()),
                    s.database.dataSource(),
                    SyntheticRegistry.create(DEVICES, 0),
                    meters);
            long published = 0;
            try (MqttPublisher publisher = s.publisher(broker.url())) {
                // GIVEN publishers much faster than the service, whose table is locked meanwhile
                try (TableLock lock = TableLock.exclusive(s.database.dataSource(), "well_reading")) {
                    published += publishRounds(s, publisher, 0, ROUNDS);
                    assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();
                    Thread.sleep(LOCKED.toMillis());
                }
                awaitQuiet(s, pipeline);
                // WHEN one more message per device follows, so that losses at the end show as gaps too
                published += publishRounds(s, publisher, ROUNDS, ROUNDS + 1);
                assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();
            }
            s.db.awaitCount(
                    Scenario.WAIT, n -> n >= DEVICES, "SELECT count(*) FROM well_reading WHERE seq = ?", ROUNDS);
            awaitQuiet(s, pipeline);
            FaultReport.Row row = s.report(published, 0, null);
            long gaps = (long) Scenario.counter(meters, IngestMetrics.SEQUENCE_GAPS);
            System.out.printf("fault-suite %s: %d messages reported missing by ingest.sequence.gaps%n", name, gaps);
            return new Outcome(row, gaps);
        }
    }

    /** Publishes rounds {@code from}..{@code to} (exclusive), one reading per device per round. */
    private static long publishRounds(Scenario s, MqttPublisher publisher, int from, int to)
            throws MqttException, InterruptedException {
        long n = 0;
        for (int round = from; round < to; round++) {
            for (int d = 1; d <= DEVICES; d++) {
                String device = SyntheticRegistry.well(d);
                publisher.publish(s.topic(device), s.reading(device, round));
                n++;
            }
        }
        return n;
    }

    /** Waits until the stored count stops changing and the buffer is empty. */
    private static void awaitQuiet(Scenario s, IngestPipeline pipeline) throws InterruptedException {
        long last = -1;
        long now = s.stored();
        while (now != last || pipeline.bufferDepth() > 0) {
            Thread.sleep(1000);
            last = now;
            now = s.stored();
        }
    }

    private static Path mosquitto() {
        String binary = System.getenv("INGEST_TEST_MOSQUITTO");
        Assumptions.assumeTrue(binary != null && !binary.isBlank(), "INGEST_TEST_MOSQUITTO names no mosquitto");
        return Path.of(binary);
    }

    private static Path debianDefaults() throws URISyntaxException {
        return Path.of(BrokerBacklogIntegrationTests.class
                .getResource("/mosquitto/debian-defaults.conf")
                .toURI());
    }
}
