package org.urad.envmon.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Publishes through the real broker into the real database and checks the per-stage timers: every stage timed
 * once per message, and the stages up to the commit, which follow one another, adding up to no more than the
 * publish→commit lag and to most of it.
 */
class StageLatencyIntegrationTests {

    private static final int MESSAGES = 40;
    /** The broker stage compares wall-clock milliseconds: each message's figure may be off by one. */
    private static final double MILLI = 1e6;

    private final RegistrySnapshot registry = SampleRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MigratedDatabase database;
    private IngestPipeline pipeline;
    private TestPublisher publisher;
    private String prefix;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("stages");
        prefix = Pipelines.uniquePrefix();
        pipeline = Pipelines.start(
                Pipelines.properties(TestServices.mqttUrl(), "ingest-" + UUID.randomUUID(), prefix),
                database.dataSource(),
                registry,
                meters);
        publisher = new TestPublisher(TestServices.mqttUrl());
    }

    @AfterEach
    void tearDown() throws Exception {
        publisher.close();
        pipeline.stop();
        database.close();
    }

    @Test
    void everyStageIsTimedOncePerMessageAndTheStagesAddUpToTheLag() throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 1; i <= MESSAGES; i++) {
            publisher.publishStamped(
                    prefix + "/well/" + SampleRegistry.WELL + "/json",
                    "{\"device\":\"" + SampleRegistry.WELL + "\",\"seq\":" + i
                            + ",\"readings\":[{\"param\":\"flow\",\"value\":" + i
                            + ",\"unit\":\"m3/h\",\"flag\":\"N\",\"time\":\"" + base.minusSeconds(60L * i) + "\"}]}");
            Thread.sleep(5); // spread over several batches
        }
        new Db(database.dataSource())
                .awaitCount(Duration.ofSeconds(30), c -> c >= MESSAGES, "SELECT count(*) FROM well_reading");
        Timer lag = meters.get(IngestMetrics.PUBLISH_TO_COMMIT).timer();
        awaitCount(lag, MESSAGES);
        awaitCount(stage(Stage.ACK), MESSAGES);

        assertThat(lag.count()).isEqualTo(MESSAGES);
        double upToCommit = 0;
        for (Stage s : Stage.values()) {
            assertThat(stage(s).count()).as(s.tag()).isEqualTo(MESSAGES);
            if (s != Stage.ACK) {
                upToCommit += stage(s).totalTime(TimeUnit.NANOSECONDS);
            }
        }
        double lagNanos = lag.totalTime(TimeUnit.NANOSECONDS);
        assertThat(upToCommit).isLessThanOrEqualTo(lagNanos + MESSAGES * MILLI);
        assertThat(upToCommit).isGreaterThanOrEqualTo(0.8 * lagNanos - MESSAGES * MILLI);
        // every message waited for its batch to fill or to reach max-wait, and was copied and committed
        assertThat(stage(Stage.BUFFER).totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(stage(Stage.COPY).max(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(stage(Stage.COMMIT).max(TimeUnit.NANOSECONDS)).isPositive();
    }

    private Timer stage(Stage s) {
        return meters.get(IngestMetrics.STAGE_LATENCY).tag("stage", s.tag()).timer();
    }

    private static void awaitCount(Timer timer, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (timer.count() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
