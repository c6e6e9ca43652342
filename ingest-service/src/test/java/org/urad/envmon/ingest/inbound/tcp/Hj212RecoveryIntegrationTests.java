package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.urad.envmon.ingest.metrics.RecoveryMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.store.JdbcCommandLog;
import org.urad.envmon.ingest.store.StoredTimes;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies that a history request the logger refuses, leaves unanswered or cannot serve is tried again, then given up. */
class Hj212RecoveryIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MN = "WQMN0000000000000000001";
    private static final String PW = "654321";

    private final RegistrySnapshot registry = SampleRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MigratedDatabase database;
    private Db db;
    private IngestPipeline pipeline;
    private Hj212TcpListener listener;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("hj212recovery");
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
                new IngestMetrics(new SimpleMeterRegistry()),
                null,
                new JdbcCommandLog(database.dataSource()),
                new HistoryRecovery(
                        new RecoverySettings(
                                Duration.ofDays(2),
                                Duration.ofHours(12),
                                1,
                                3,
                                Duration.ofMillis(200),
                                Duration.ofSeconds(2),
                                Duration.ofHours(1)),
                        new StoredTimes(database.dataSource()),
                        new JdbcCommandLog(database.dataSource()),
                        new RecoveryMetrics(meters),
                        () -> registry,
                        Clock.systemUTC()));
        listener.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        listener.stop();
        pipeline.stop();
        database.close();
    }

    private static Hj212FrameBuilder frame(String cn, String qn) {
        return Hj212FrameBuilder.of(cn, "32", MN).qn(qn).password(PW);
    }

    private static byte[] minute(Instant t) {
        return frame("2051", Hj212Time.qn(Instant.now()))
                .dataTime(t)
                .value("w01018", "Avg", 30)
                .dataFlag("w01018", "N")
                .encode();
    }

    @Test
    void refusedThenUnansweredThenNoDataIsTriedThreeTimesAndLogged() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        // stored before the logger connects (its earlier connection is not under test)
        for (int h : new int[] {6, 5, 2}) {
            try (var c = database.dataSource().getConnection();
                    var ps = c.prepareStatement(
                            "INSERT INTO water_quality_reading (device_id, parameter, period, stat, ts,"
                                    + " value) VALUES ('WQ-TEST', 'w01018', 'min', 'avg', ?, 30)")) {
                ps.setTimestamp(1, java.sql.Timestamp.from(hour.minus(Duration.ofHours(h))));
                ps.executeUpdate();
            }
        }
        Hj212Frame request;
        Hj212Frame second;
        try (Socket logger = new Socket("127.0.0.1", listener.port())) {
            OutputStream out = logger.getOutputStream();
            InputStream in = logger.getInputStream();
            out.write(frame("2011", Hj212Time.qn(Instant.now()))
                    .dataTime(Instant.now())
                    .value("w01018", "Rtd", 31)
                    .encode());

            request = Hj212Codec.decode(LoggerReplies.readLine(in));
            out.write(frame("9011", request.qn()).plain("QnRtn", "2").encode()); // at once: the timeout is short
            assertThat(request.cn()).isEqualTo("2051");
            assertThat(request.cpValue("BeginTime"))
                    .contains(Hj212Time.dataTime(hour.minus(Duration.ofHours(5)).plusSeconds(1)));
            assertThat(request.cpValue("EndTime"))
                    .contains(Hj212Time.dataTime(hour.minus(Duration.ofHours(2)).minusSeconds(1)));

            second = Hj212Codec.decode(LoggerReplies.readLine(in));
            out.write(frame("9011", second.qn()).plain("QnRtn", "1").encode()); // accepted, then silence
            assertThat(second.qn()).isNotEqualTo(request.qn());
            assertThat(second.cpValue("BeginTime")).isEqualTo(request.cpValue("BeginTime"));

            Hj212Frame third = Hj212Codec.decode(LoggerReplies.readLine(in));
            out.write(frame("9011", third.qn()).plain("QnRtn", "1").encode());
            out.write(frame("9012", third.qn()).plain("ExeRtn", "100").encode());

            assertThat(db.awaitCount(
                            WAIT, n -> n == 1, "SELECT count(*) FROM monitor_command WHERE outcome = 'no_data'"))
                    .isEqualTo(1);
            Thread.sleep(2500); // longer than the answer timeout and the backoff: nothing more is asked for
        }
        assertThat(db.strings("SELECT cn || ' ' || attempt || ' ' || outcome FROM monitor_command ORDER BY id"))
                .containsExactly("2051 1 refused", "2051 2 timed_out", "2051 3 no_data");
        assertThat(meters.counter(RecoveryMetrics.REQUESTS_SENT, "cn", "2051").count())
                .isEqualTo(3.0);
        assertThat(meters.counter(RecoveryMetrics.REQUESTS_ANSWERED, "cn", "2051")
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.counter(RecoveryMetrics.REQUESTS_FAILED, "cn", "2051").count())
                .isZero();
    }

    @Test
    void aLinkClosedWithARequestInFlightLeavesNoCommandWaiting() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        storeMinute(hour.minus(Duration.ofHours(6)));
        storeMinute(hour.minus(Duration.ofHours(2)));
        try (Socket logger = new Socket("127.0.0.1", listener.port())) {
            logger.getOutputStream()
                    .write(frame("2011", Hj212Time.qn(Instant.now()))
                            .dataTime(Instant.now())
                            .value("w01018", "Rtd", 31)
                            .encode());
            Hj212Frame request = Hj212Codec.decode(LoggerReplies.readLine(logger.getInputStream()));
            assertThat(request.cn()).isEqualTo("2051");
            assertThat(db.strings("SELECT outcome FROM monitor_command")).containsExactly("sent");
        } // the link closes before the logger answered

        assertThat(db.awaitCount(WAIT, n -> n == 1, "SELECT count(*) FROM monitor_command WHERE outcome = 'timed_out'"))
                .isEqualTo(1);
        assertThat(db.strings("SELECT outcome || ' | ' || detail FROM monitor_command"))
                .containsExactly("timed_out | " + Hj212Recovery.LINK_CLOSED);
    }

    @Test
    void theSweepSettlesACommandNoOneCanAnswerAndLeavesAFreshOne() throws Exception {
        // answer timeout 2 s: a command still waiting after 10 x 2 s can no longer be answered
        Instant now = Instant.now();
        logSent("20260101000000001", now.minus(Duration.ofHours(1)));
        logSent("20260101000000002", now.minusSeconds(1));

        assertThat(db.awaitCount(WAIT, n -> n == 1, "SELECT count(*) FROM monitor_command WHERE outcome = 'timed_out'"))
                .isEqualTo(1);
        assertThat(db.strings("SELECT qn || ' ' || outcome FROM monitor_command ORDER BY qn"))
                .containsExactly("20260101000000001 timed_out", "20260101000000002 sent");
        assertThat(db.strings("SELECT detail FROM monitor_command WHERE outcome = 'timed_out'"))
                .singleElement()
                .asString()
                .startsWith("超时未应答");
    }

    private void storeMinute(Instant t) throws Exception {
        try (var c = database.dataSource().getConnection();
                var ps = c.prepareStatement("INSERT INTO water_quality_reading (device_id, parameter, period, stat, ts,"
                        + " value) VALUES ('WQ-TEST', 'w01018', 'min', 'avg', ?, 30)")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(t));
            ps.executeUpdate();
        }
    }

    private void logSent(String qn, Instant at) {
        new JdbcCommandLog(database.dataSource()).sent("WQ-TEST", MN, "2051", qn, "gap recovery (test)", at);
    }
}
