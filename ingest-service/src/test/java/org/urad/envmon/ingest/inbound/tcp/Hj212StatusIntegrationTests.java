package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.Socket;
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
import org.urad.envmon.ingest.decode.hj212.Hj212Time;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies that a logger's status uploads are stored (status rows, calibration results) and answered. */
class Hj212StatusIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RegistrySnapshot registry = SampleRegistry.create();
    private MigratedDatabase database;
    private Db db;
    private IngestPipeline pipeline;
    private Hj212TcpListener listener;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("hj212status");
        db = new Db(database.dataSource());
        String prefix = Pipelines.uniquePrefix();
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

    private static Hj212FrameBuilder upload(String cn, Instant at) {
        return Hj212FrameBuilder.of(cn, "31", SampleRegistry.CEMS_MN)
                .qn(at)
                .password(SampleRegistry.CEMS_PW)
                .dataTime(at)
                .replyRequested(true);
    }

    @Test
    void storesStatusAndInformationUploadsOnceAndTheZeroCalibrationTheyReport() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant calibrated = now.minus(Duration.ofHours(3));
        byte[] status = upload("2021", now).field("SB1", "RS", "1").encode();
        byte[] info = upload("3020", now)
                .info("a21026", "i12001", "1")
                .info("a21026", "i13006", Hj212Time.dataTime(calibrated))
                .info("a21026", "i13104", "0.6")
                .info("a21026", "i13001", "200")
                .info("a21026", "i99001", "vendor-text")
                .encode();
        byte[] powerOn = upload("2081", now)
                .plain("RestartTime", Hj212Time.dataTime(now.minusSeconds(600)))
                .encode();
        try (Socket logger = new Socket("127.0.0.1", listener.port())) {
            for (byte[] frame : new byte[][] {status, info, powerOn, info}) {
                logger.getOutputStream().write(frame);
            }
            for (int i = 0; i < 4; i++) {
                Hj212Frame reply = Hj212Codec.decode(LoggerReplies.readLine(logger.getInputStream()));
                assertThat(reply.cn()).isEqualTo("9014");
            }
        }
        assertThat(db.strings(
                        "SELECT subject || '/' || code || '=' || value FROM monitor_status"
                                + " WHERE device_id = ? ORDER BY 1",
                        SampleRegistry.CEMS))
                .containsExactly(
                        "/RestartTime=" + Hj212Time.dataTime(now.minusSeconds(600)),
                        "SB1/RS=1",
                        "a21026/i12001=1",
                        "a21026/i13001=200",
                        "a21026/i13006=" + Hj212Time.dataTime(calibrated),
                        "a21026/i13104=0.6",
                        "a21026/i99001=vendor-text");
        assertThat(db.strings(
                        "SELECT parameter || ' ' || kind || ' ' || reference || ' ' || measured || ' '"
                                + " || full_scale FROM calibration_record WHERE device_id = ? AND ts = ?",
                        SampleRegistry.CEMS,
                        java.sql.Timestamp.from(calibrated)))
                .containsExactly("a21026 zero 0 0.6 200");
        assertThat(db.count("SELECT count(*) FROM quarantine")).isZero();
    }
}
