package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies that a service killed while readings stream in loses and duplicates nothing once restarted. */
class ServiceCrashIntegrationTests {

    private static final int READINGS = 3000;

    @Test
    void storesEveryReadingOnceAfterAKillMidStreamAndARestart() throws Exception {
        try (Scenario s = new Scenario("service killed mid-stream, restarted");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            // GIVEN a service receiving a stream of numbered readings
            IngestProperties properties = s.properties(TestServices.mqttUrl(), Scenario.clientId());
            IngestPipeline first = s.start(properties, new SimpleMeterRegistry());
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                try {
                    s.publish(publisher, 0, READINGS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            s.awaitStored(READINGS / 5);

            // WHEN it is killed mid-stream (nothing buffered is written or acknowledged) and started again
            first.kill();
            long atKill = s.stored();
            long restart = System.nanoTime();
            s.start(properties, new SimpleMeterRegistry());
            stream.join();
            assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();

            // THEN every reading is stored exactly once
            assertThat(s.awaitStored(READINGS)).isEqualTo(READINGS);
            Duration recovery = Duration.ofNanos(System.nanoTime() - restart);
            FaultReport.Row row = s.report(READINGS, 0, recovery);
            assertThat(atKill).isLessThan(READINGS);
            assertThat(row.lost()).isZero();
            assertThat(row.duplicated()).isZero();
        }
    }
}
