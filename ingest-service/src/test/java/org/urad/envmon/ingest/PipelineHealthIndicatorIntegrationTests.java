package org.urad.envmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.config.HealthProperties;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies that readiness tells the truth: DOWN with the reason while the writer cannot commit or rules lag. */
class PipelineHealthIndicatorIntegrationTests {

    private static final HealthProperties LIMITS =
            new HealthProperties(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

    @Test
    void goesDownWhileTheWriterCannotCommitAndUpOnceItDoes() throws Exception {
        String prefix = Pipelines.uniquePrefix();
        try (MigratedDatabase database = MigratedDatabase.create("health");
                MqttPublisher publisher = new MqttPublisher(TestServices.mqttUrl(), "health-" + UUID.randomUUID(), 1)) {
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            jdbc.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " RAISE EXCEPTION 'database unavailable' USING ERRCODE = '57P03'; END $$");
            jdbc.execute(
                    "CREATE TRIGGER refuse BEFORE INSERT ON well_reading FOR EACH STATEMENT EXECUTE FUNCTION refuse()");
            IngestPipeline pipeline = Pipelines.start(
                    Pipelines.properties(TestServices.mqttUrl(), "health-" + UUID.randomUUID(), prefix),
                    database.dataSource(),
                    SampleRegistry.create(),
                    new SimpleMeterRegistry());
            AtomicReference<Duration> ruleLag = new AtomicReference<>(Duration.ZERO);
            PipelineHealthIndicator health = new PipelineHealthIndicator(pipeline, ruleLag::get, LIMITS);
            try {
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);

                // WHEN a reading cannot be committed for longer than the limit
                Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
                publisher.publish(
                        prefix + "/well/" + SampleRegistry.WELL + "/json",
                        ("{\"readings\":[{\"param\":\"flow\",\"value\":3,\"time\":\"" + time + "\"}]}")
                                .getBytes(StandardCharsets.UTF_8));
                Health down = await(health, Status.DOWN);

                // THEN readiness is DOWN and says why
                assertThat((List<?>) down.getDetails().get("reasons"))
                        .singleElement()
                        .asString()
                        .startsWith("no commit for ");

                // and once the database takes writes again it is UP
                jdbc.execute("DROP TRIGGER refuse ON well_reading");
                await(health, Status.UP);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM well_reading", Long.class))
                        .isEqualTo(1);

                // WHEN the point rules fall behind
                ruleLag.set(Duration.ofSeconds(5));
                assertThat((List<?>) health.health().getDetails().get("reasons"))
                        .singleElement()
                        .asString()
                        .startsWith("point rules 5 s behind");
            } finally {
                pipeline.kill();
            }
        }
    }

    private static Health await(PipelineHealthIndicator indicator, Status status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Health h = indicator.health();
        while (!h.getStatus().equals(status)) {
            assertThat(System.nanoTime()).as("health " + status + " in time").isLessThan(deadline);
            Thread.sleep(50);
            h = indicator.health();
        }
        return h;
    }
}
