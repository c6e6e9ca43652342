package org.urad.envmon.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies that a message received but never committed is not acknowledged, so that after a
 * crash the broker redelivers it to the restarted service and it is stored exactly once.
 */
class CrashRecoveryIntegrationTests {

    @Test
    void losesNothingWhenTheServiceDiesBetweenReceiptAndCommit() throws Exception {
        String prefix = Pipelines.uniquePrefix();
        String clientId = "ingest-crash-" + UUID.randomUUID();
        IngestProperties properties = Pipelines.properties(TestServices.mqttUrl(), clientId, prefix);
        int messages = 15;
        try (MigratedDatabase database = MigratedDatabase.create("crash");
                HikariDataSource unreachable = unreachableDatabase();
                TestPublisher publisher = new TestPublisher(TestServices.mqttUrl())) {
            // GIVEN a service that receives messages but cannot commit them
            SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
            IngestPipeline first = Pipelines.start(properties, unreachable, SampleRegistry.create(), firstMeters);
            Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(messages);
            for (int i = 0; i < messages; i++) {
                publisher.publish(
                        prefix + "/well/W0001/json",
                        "{\"seq\":" + i + ",\"readings\":[{\"param\":\"flow\",\"value\":" + i + ",\"time\":\""
                                + base.plusSeconds(i) + "\"}]}");
            }
            awaitFlushFailure(firstMeters);

            // WHEN it dies and a new instance with the same session starts
            first.kill();
            IngestPipeline second = Pipelines.start(
                    properties, database.dataSource(), SampleRegistry.create(), new SimpleMeterRegistry());
            try {
                // THEN every message is stored, once
                Db db = new Db(database.dataSource());
                assertThat(db.awaitCount(
                                Duration.ofSeconds(30), n -> n >= messages, "SELECT count(*) FROM well_reading"))
                        .isEqualTo(messages);
                assertThat(db.count("SELECT count(DISTINCT seq) FROM well_reading"))
                        .isEqualTo(messages);
            } finally {
                second.stop();
            }
        }
    }

    private static HikariDataSource unreachableDatabase() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
        config.setUsername("postgres");
        config.setConnectionTimeout(250);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static void awaitFlushFailure(SimpleMeterRegistry meters) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var failures = meters.find("ingest.flush.failures").counter();
            if (failures != null && failures.count() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first instance never tried to write");
    }
}
