package org.urad.envmon.ingest.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.decode.hj212.Hj212Decoder;
import org.urad.envmon.ingest.decode.json.JsonPayloadDecoder;
import org.urad.envmon.ingest.decode.sl651.Sl651Decoder;
import org.urad.envmon.ingest.decode.szy206.Szy206Decoder;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.store.CommittedBatches;

/** Builds a real pipeline (real broker, real database) without the Spring context. */
public final class Pipelines {

    private Pipelines() {}

    public static String uniquePrefix() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
    }

    /** Where test pipelines put dead letters: under the build directory, never the working tree. */
    public static final Path DEAD_LETTERS = Path.of("target", "dead-letter");

    /** Small batches and short waits, so that tests see their rows quickly. */
    public static final IngestProperties.Buffer TEST_BUFFER = new IngestProperties.Buffer(
            1000,
            500,
            Duration.ofMillis(20),
            Duration.ofMillis(100),
            Duration.ofMillis(500),
            Duration.ofSeconds(5),
            DEAD_LETTERS);

    /** The service's default buffer (application.yml; {@code PipelinesTests} holds them equal), for measurements. */
    public static final IngestProperties.Buffer SERVICE_BUFFER = new IngestProperties.Buffer(
            20000,
            5000,
            Duration.ofMillis(10),
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            DEAD_LETTERS);

    /** The service's default buffer with another {@code max-wait}, for measuring what the flusher's wait costs. */
    public static IngestProperties.Buffer serviceBuffer(Duration maxWait) {
        var b = SERVICE_BUFFER;
        return new IngestProperties.Buffer(
                b.capacity(),
                b.maxBatch(),
                maxWait,
                b.retryMin(),
                b.retryMax(),
                b.shutdownGrace(),
                b.deadLetterDirectory());
    }

    public static IngestProperties properties(String mqttUrl, String clientId, String topicPrefix) {
        return properties(mqttUrl, clientId, topicPrefix, null, TEST_BUFFER);
    }

    public static IngestProperties properties(
            String mqttUrl, String clientId, String topicPrefix, String sharedGroup, IngestProperties.Buffer buffer) {
        return new IngestProperties(
                new IngestProperties.Mqtt(
                        mqttUrl,
                        clientId,
                        null,
                        null,
                        topicPrefix,
                        sharedGroup,
                        Duration.ofHours(1),
                        10000,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(2),
                        IngestProperties.Tls.none()),
                buffer,
                new IngestProperties.Limits(4096, 100, Duration.ofMinutes(10), Duration.ofDays(400), 0, 1, 10),
                new IngestProperties.Hj212(
                        false,
                        "127.0.0.1",
                        0,
                        Duration.ofSeconds(30),
                        10,
                        3,
                        Duration.ofSeconds(30),
                        IngestProperties.Tls.none(),
                        1000,
                        Duration.ofSeconds(30),
                        65536,
                        Duration.ofSeconds(60)),
                false);
    }

    public static IngestPipeline start(
            IngestProperties properties, DataSource dataSource, Registry registry, SimpleMeterRegistry meters)
            throws Exception {
        return start(properties, dataSource, registry, meters, CommittedBatches.NONE);
    }

    /** A started pipeline that hands what each batch stored for the first time to {@code committed}. */
    public static IngestPipeline start(
            IngestProperties properties,
            DataSource dataSource,
            Registry registry,
            SimpleMeterRegistry meters,
            CommittedBatches committed)
            throws Exception {
        IngestPipeline pipeline = new IngestPipeline(
                properties,
                dataSource,
                () -> registry,
                List.of(
                        new JsonPayloadDecoder(),
                        new Hj212Decoder(),
                        new Szy206Decoder(Clock.systemUTC()),
                        new Sl651Decoder()),
                new IngestMetrics(meters),
                committed,
                Clock.systemUTC());
        pipeline.start();
        return pipeline;
    }
}
