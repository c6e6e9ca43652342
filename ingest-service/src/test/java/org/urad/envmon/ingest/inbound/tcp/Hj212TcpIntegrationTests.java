package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies HJ 212 over TCP and over MQTT: stored once, replies after commit, bad loggers isolated. */
class Hj212TcpIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RegistrySnapshot registry = SampleRegistry.create();
    private MigratedDatabase database;
    private Db db;
    private String prefix;
    private IngestPipeline pipeline;
    private Hj212TcpListener listener;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("hj212");
        db = new Db(database.dataSource());
        prefix = Pipelines.uniquePrefix();
        pipeline = Pipelines.start(
                Pipelines.properties(TestServices.mqttUrl(), "ingest-" + UUID.randomUUID(), prefix),
                database.dataSource(),
                registry,
                new SimpleMeterRegistry());
        listener = new Hj212TcpListener(
                new Hj212TcpSettings("127.0.0.1", 0, Duration.ofSeconds(30), 10, 3, Duration.ofSeconds(30)),
                pipeline.processor(),
                new TopicParser(prefix),
                () -> registry,
                Clock.systemUTC(),
                new IngestMetrics(new SimpleMeterRegistry()));
        listener.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        listener.stop();
        pipeline.stop();
        database.close();
    }

    private static Hj212FrameBuilder realTime(String password, double so2) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                .qn(now)
                .password(password)
                .dataTime(now)
                .value("a21026", "Rtd", so2)
                .dataFlag("a21026", "N")
                .value("a19001", "Rtd", 9.5)
                .dataFlag("a19001", "N");
    }

    @Test
    void storesATcpFrameOnceAndRepliesOnlyAfterCommit() throws Exception {
        byte[] frame =
                realTime(SampleRegistry.CEMS_PW, 21.5).replyRequested(true).encode();
        try (Socket logger = new Socket("127.0.0.1", listener.port())) {
            logger.getOutputStream().write(frame);
            logger.getOutputStream().write(frame); // a retransmission
            Hj212Frame reply = Hj212Codec.decode(LoggerReplies.readLine(logger.getInputStream()));

            // The reply is sent after the commit, so the rows are already there when it arrives.
            assertThat(db.count("SELECT count(*) FROM cems_reading")).isEqualTo(2);
            assertThat(reply.cn()).isEqualTo("9014");
            assertThat(reply.mn()).isEqualTo(SampleRegistry.CEMS_MN);
            Hj212Frame second = Hj212Codec.decode(LoggerReplies.readLine(logger.getInputStream()));
            assertThat(second.cn()).isEqualTo("9014");
        }
        assertThat(db.count("SELECT count(*) FROM cems_reading")).isEqualTo(2);
        assertThat(db.strings("SELECT parameter || '=' || value FROM cems_reading ORDER BY parameter"))
                .containsExactly("a19001=9.5", "a21026=21.5");
    }

    @Test
    void quarantinesAWrongPasswordAndDisconnectsAGarbageSenderWithoutAffectingOthers() throws Exception {
        try (Socket good = new Socket("127.0.0.1", listener.port());
                Socket garbage = new Socket("127.0.0.1", listener.port())) {
            good.getOutputStream().write(realTime("999999", 30).encode());
            for (int i = 0; i < 5; i++) {
                garbage.getOutputStream().write(("##0010bad frame " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(garbage.getInputStream().read())
                    .as("garbage sender is disconnected")
                    .isEqualTo(-1);
            good.getOutputStream().write(realTime(SampleRegistry.CEMS_PW, 31).encode());

            assertThat(db.awaitCount(WAIT, n -> n == 2, "SELECT count(*) FROM cems_reading"))
                    .isEqualTo(2);
        }
        assertThat(db.strings("SELECT DISTINCT reason FROM quarantine ORDER BY 1"))
                .contains("wrong_password", "length_mismatch");
    }

    @Test
    void acceptsHj212FramesAsMqttPayloads() throws Exception {
        try (TestPublisher publisher = new TestPublisher(TestServices.mqttUrl())) {
            publisher.publish(
                    prefix + "/cems/" + SampleRegistry.CEMS + "/hj212",
                    realTime(SampleRegistry.CEMS_PW, 12).encode());
        }
        assertThat(db.awaitCount(WAIT, n -> n == 2, "SELECT count(*) FROM cems_reading"))
                .isEqualTo(2);
    }

    @Test
    void storesEachOfSeveralFramesInOneMqttPayload() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] first = realTime(SampleRegistry.CEMS_PW, 12).encode();
        byte[] second = Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                .qn(now.minusSeconds(60))
                .password(SampleRegistry.CEMS_PW)
                .dataTime(now.minusSeconds(60))
                .value("a21026", "Rtd", 13)
                .value("a19001", "Rtd", 9.6)
                .encode();
        byte[] payload = new byte[first.length + second.length];
        System.arraycopy(first, 0, payload, 0, first.length);
        System.arraycopy(second, 0, payload, first.length, second.length);
        try (TestPublisher publisher = new TestPublisher(TestServices.mqttUrl())) {
            publisher.publish(prefix + "/cems/" + SampleRegistry.CEMS + "/hj212", payload);
        }

        assertThat(db.awaitCount(WAIT, n -> n == 4, "SELECT count(*) FROM cems_reading"))
                .isEqualTo(4);
        assertThat(db.strings("SELECT parameter || '=' || value FROM cems_reading ORDER BY ts, parameter"))
                .containsExactly("a19001=9.6", "a21026=13", "a19001=9.5", "a21026=12");
        assertThat(db.count("SELECT count(*) FROM quarantine")).isZero();
    }
}
