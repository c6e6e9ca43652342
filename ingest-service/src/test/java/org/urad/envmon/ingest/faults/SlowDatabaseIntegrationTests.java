package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies that a database that stops accepting writes for a while (a lock held on the table) makes
 * the service wait with a bounded buffer, and that everything is stored once the lock is released.
 */
class SlowDatabaseIntegrationTests {

    private static final int READINGS = 5000;
    private static final Duration LOCKED = Duration.ofSeconds(4);

    @Test
    void keepsTheBufferWithinItsCapacityWhileTheTableIsLockedAndStoresAllAfterwards() throws Exception {
        try (Scenario s = new Scenario("table locked " + LOCKED.toSeconds() + " s (slow database)");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            IngestProperties properties = s.properties(TestServices.mqttUrl(), Scenario.clientId());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            IngestPipeline pipeline = s.start(properties, meters);
            AtomicInteger deepest = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    deepest.accumulateAndGet(pipeline.bufferDepth(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();

            // WHEN readings arrive faster than the locked table accepts them
            long released;
            try (TableLock lock = TableLock.exclusive(s.database.dataSource(), "well_reading")) {
                s.publish(publisher, 0, READINGS);
                assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();
                Thread.sleep(LOCKED.toMillis());
                // (counting rows would wait for the lock too; the service's own counter says the same)
                assertThat(Scenario.counter(meters, IngestMetrics.READINGS_STORED))
                        .isZero();
                released = System.nanoTime();
            }

            // THEN the buffer never held more than its capacity and everything is stored after release
            assertThat(s.awaitStored(READINGS)).isEqualTo(READINGS);
            Duration recovery = Duration.ofNanos(System.nanoTime() - released);
            sampler.interrupt();
            FaultReport.Row row = s.report(READINGS, 0, recovery);
            System.out.printf(
                    "fault-suite slow database: deepest buffer %d of %d%n",
                    deepest.get(), properties.buffer().capacity());
            assertThat(deepest.get())
                    .isPositive()
                    .isLessThanOrEqualTo(properties.buffer().capacity());
            assertThat(row.lost()).isZero();
            assertThat(row.duplicated()).isZero();
        }
    }
}
