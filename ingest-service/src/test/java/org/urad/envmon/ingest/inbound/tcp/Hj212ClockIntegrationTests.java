package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Field;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.decode.hj212.Hj212Time;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.store.JdbcCommandLog;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies that loggers asking for the time, or running off it, are set (1012) and that the command log says so. */
class Hj212ClockIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RegistrySnapshot registry = SampleRegistry.create();
    private MigratedDatabase database;
    private Db db;
    private IngestPipeline pipeline;
    private Hj212TcpListener listener;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("hj212clock");
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
                Duration.ofSeconds(60),
                new JdbcCommandLog(database.dataSource()));
        listener.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        listener.stop();
        pipeline.stop();
        database.close();
    }

    private static Hj212FrameBuilder frame(String cn, String qn) {
        return Hj212FrameBuilder.of(cn, "31", SampleRegistry.CEMS_MN).qn(qn).password(SampleRegistry.CEMS_PW);
    }

    private static String outcomes(Db db) {
        return String.join(",", db.strings("SELECT cn || ':' || outcome FROM monitor_command ORDER BY id"));
    }

    @Test
    void answersATimeRequestWithSetTimeAndLogsTheLoggersAnswers() throws Exception {
        Instant now = Instant.now();
        try (Socket logger = new Socket("127.0.0.1", listener.port())) {
            logger.getOutputStream()
                    .write(frame("1013", Hj212Time.qn(now))
                            .plain("PolId", "a21026")
                            .encode());
            Hj212Frame command = Hj212Codec.decode(LoggerReplies.readLine(logger.getInputStream()));

            assertThat(command.cn()).isEqualTo("1012");
            assertThat(command.mn()).isEqualTo(SampleRegistry.CEMS_MN);
            assertThat(command.cpValue("PolId")).contains("a21026");
            Instant set =
                    Hj212Time.parse("SystemTime", command.cpValue("SystemTime").orElseThrow());
            assertThat(Duration.between(set, Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
            assertThat(outcomes(db)).isEqualTo("1012:sent");

            logger.getOutputStream()
                    .write(frame("9011", command.qn()).plain("QnRtn", "1").encode());
            assertThat(db.awaitCount(
                            WAIT, n -> n == 1, "SELECT count(*) FROM monitor_command WHERE outcome = 'accepted'"))
                    .isEqualTo(1);
            logger.getOutputStream()
                    .write(frame("9012", command.qn()).plain("ExeRtn", "1").encode());
            assertThat(db.awaitCount(
                            WAIT, n -> n == 1, "SELECT count(*) FROM monitor_command WHERE outcome = 'succeeded'"))
                    .isEqualTo(1);
        }
        assertThat(db.strings("SELECT reason || ' | ' || detail FROM monitor_command"))
                .containsExactly("logger asked for the time (1013) | QnRtn=1; ExeRtn=1");
        assertThat(db.count("SELECT count(*) FROM quarantine")).isZero();
    }

    @Test
    void setsALoggerWhoseClockIsOffOnceAndStoresItsDataAnyway() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant behind = now.minus(Duration.ofMinutes(7));
        try (Socket logger = new Socket("127.0.0.1", listener.port())) {
            for (int i = 0; i < 2; i++) {
                logger.getOutputStream()
                        .write(frame("2011", Hj212Time.qn(behind.plusSeconds(i)))
                                .dataTime(behind.plusSeconds(i))
                                .value("a21026", "Rtd", 20 + i)
                                .encode());
            }
            Hj212Frame command = Hj212Codec.decode(LoggerReplies.readLine(logger.getInputStream()));
            assertThat(command.cn()).isEqualTo("1012");
            assertThat(db.awaitCount(WAIT, n -> n == 2, "SELECT count(*) FROM cems_reading"))
                    .isEqualTo(2);
        }
        assertThat(db.strings("SELECT cn || ' ' || reason FROM monitor_command"))
                .singleElement()
                .asString()
                .matches("1012 clock skew -4[12][0-9] s");
    }

    @Test
    void leavesALoggerWithinTheAllowedSkewAlone() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Socket logger = new Socket("127.0.0.1", listener.port())) {
            logger.getOutputStream()
                    .write(frame("2011", Hj212Time.qn(now.minusSeconds(20)))
                            .dataTime(now)
                            .value("a21026", "Rtd", 20)
                            .encode());
            assertThat(db.awaitCount(WAIT, n -> n == 1, "SELECT count(*) FROM cems_reading"))
                    .isEqualTo(1);
        }
        assertThat(db.count("SELECT count(*) FROM monitor_command")).isZero();
    }

    @Test
    void commandsIssuedInTheSameMillisecondGetDistinctQns() throws Exception {
        // GIVEN a listener whose clock stands still: every command is issued at the same instant
        Clock stopped = Clock.fixed(Instant.parse("2026-03-01T08:00:00.123Z"), ZoneOffset.UTC);
        Hj212TcpListener still = new Hj212TcpListener(
                new Hj212TcpSettings("127.0.0.1", 0, Duration.ofSeconds(30), 10, 3, Duration.ofSeconds(30)),
                pipeline.processor(),
                new TopicParser(Pipelines.uniquePrefix()),
                () -> registry,
                stopped,
                new IngestMetrics(new SimpleMeterRegistry()),
                null,
                new JdbcCommandLog(database.dataSource()));
        still.start();
        try (Socket logger = new Socket("127.0.0.1", still.port())) {
            var in = logger.getInputStream();
            // WHEN the logger asks for the time twice and an operator sends it a command, all in that instant
            logger.getOutputStream()
                    .write(frame("1013", Hj212Time.qn(Instant.now())).encode());
            Hj212Frame first = Hj212Codec.decode(LoggerReplies.readLine(in));
            logger.getOutputStream()
                    .write(frame("1013", Hj212Time.qn(Instant.now())).encode());
            Hj212Frame second = Hj212Codec.decode(LoggerReplies.readLine(in));
            String operators = still.links()
                    .orElseThrow()
                    .send(
                            SampleRegistry.CEMS,
                            OperatorCommand.SET_MIN_INTERVAL,
                            List.of(new Hj212Field("MinInterval", "5")),
                            "operator",
                            stopped.instant())
                    .orElseThrow();
            Hj212Frame third = Hj212Codec.decode(LoggerReplies.readLine(in));

            // THEN every command, and every row of the command log, has its own QN
            assertThat(List.of(first.cn(), second.cn(), third.cn()))
                    .containsExactly("1012", "1012", OperatorCommand.SET_MIN_INTERVAL);
            assertThat(List.of(first.qn(), second.qn(), third.qn())).doesNotHaveDuplicates();
            assertThat(third.qn()).isEqualTo(operators);
            assertThat(db.strings("SELECT qn FROM monitor_command")).hasSize(3).doesNotHaveDuplicates();
        } finally {
            still.stop();
        }
    }
}
