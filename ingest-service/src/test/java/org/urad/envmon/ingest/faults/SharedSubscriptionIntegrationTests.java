package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies that instances sharing one subscription store each reading exactly once when one of them is
 * killed mid-stream. Messages in flight to the killed instance stay in its session; the broker delivers
 * them when that instance (same client id) comes back, as an orchestrator would restart it.
 */
class SharedSubscriptionIntegrationTests {

    private static final int READINGS = 3000;

    @ParameterizedTest(name = "{0} instances")
    @ValueSource(ints = {2, 3})
    void storesEachReadingOnceWhenOneOfSeveralSharedInstancesIsKilled(int instances) throws Exception {
        try (Scenario s = new Scenario(instances + " instances on a shared subscription, one killed");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            String group = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
            List<IngestProperties> properties = new ArrayList<>();
            List<IngestPipeline> pipelines = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                properties.add(s.shared(TestServices.mqttUrl(), Scenario.clientId(), group));
                pipelines.add(s.start(properties.get(i), new SimpleMeterRegistry()));
            }
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                try {
                    s.publish(publisher, 0, READINGS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            s.awaitStored(READINGS / 5);

            // WHEN one instance is killed while the others keep going, and is restarted later
            pipelines.get(0).kill();
            stream.join();
            assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();
            long withoutIt = s.stored();
            long restart = System.nanoTime();
            s.start(properties.get(0), new SimpleMeterRegistry());

            // THEN the totals are exact
            assertThat(s.awaitStored(READINGS)).isEqualTo(READINGS);
            Duration recovery = Duration.ofNanos(System.nanoTime() - restart);
            FaultReport.Row row = s.report(READINGS, 0, recovery);
            System.out.printf(
                    "fault-suite shared subscription (%d): %d stored before the killed instance returned%n",
                    instances, withoutIt);
            assertThat(row.lost()).isZero();
            assertThat(row.duplicated()).isZero();
        }
    }
}
