package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Field;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies, over real sockets into the real pipeline and database, that an HJ 212 peer cannot hurt anyone
 * else: wrong passwords cost the real logger nothing, only stored frames are answered, a logger that does
 * not read is dropped without holding anyone up, and split messages that cannot be put together are
 * quarantined with their bytes.
 */
class Hj212PeersIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WATER_MN = "WQMN0000000000000000001";
    private static final String WATER_PW = "654321";
    private static final String WRONG_PW = "WRONG9";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final RegistrySnapshot registry = SampleRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger qns = new AtomicInteger();
    private MigratedDatabase database;
    private Db db;
    private IngestPipeline pipeline;
    private Hj212TcpListener listener;

    /** A pipeline allowing each device {@code burst} messages (0: no rate limit), and a listener onto it. */
    private void start(int perMinute, int burst, int replyQueue, Duration writeTimeout) throws Exception {
        database = MigratedDatabase.create("hj212peers");
        db = new Db(database.dataSource());
        String prefix = Pipelines.uniquePrefix();
        IngestProperties base = Pipelines.properties(TestServices.mqttUrl(), "ingest-" + UUID.randomUUID(), prefix);
        var l = base.limits();
        IngestProperties limited = new IngestProperties(
                base.mqtt(),
                base.buffer(),
                new IngestProperties.Limits(
                        l.maxPayloadBytes(),
                        l.maxReadingsPerMessage(),
                        l.maxFutureSkew(),
                        l.maxAge(),
                        perMinute,
                        burst,
                        l.tcpConnectionsPerAddress()),
                base.hj212(),
                false);
        pipeline = Pipelines.start(limited, database.dataSource(), registry, new SimpleMeterRegistry());
        listener = new Hj212TcpListener(
                new Hj212TcpSettings(
                        "127.0.0.1",
                        0,
                        Duration.ofSeconds(60),
                        10,
                        100,
                        Duration.ofSeconds(30),
                        10,
                        null,
                        Hj212TcpSettings.ClientAuth.NONE,
                        replyQueue,
                        writeTimeout,
                        Hj212TcpSettings.DEFAULT_MAX_PENDING_BYTES),
                pipeline.processor(),
                new TopicParser(prefix),
                () -> registry,
                Clock.systemUTC(),
                new IngestMetrics(meters));
        listener.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (listener != null) {
            listener.stop();
        }
        if (pipeline != null) {
            pipeline.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    private String qn() {
        return String.valueOf(20250000000000000L + qns.incrementAndGet());
    }

    /** A CEMS real-time frame asking for a reply, {@code secondsAgo} old. */
    private static Hj212FrameBuilder cems(String qn, String pw, int secondsAgo) {
        Instant time = NOW.minusSeconds(secondsAgo);
        return Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                .qn(qn)
                .password(pw)
                .dataTime(time)
                .value("a21026", "Rtd", 20)
                .value("a19001", "Rtd", 9.5)
                .replyRequested(true);
    }

    private static byte[] water(String qn, int secondsAgo) {
        Instant time = NOW.minusSeconds(secondsAgo);
        return Hj212FrameBuilder.of("2011", "32", WATER_MN)
                .qn(qn)
                .password(WATER_PW)
                .dataTime(time)
                .value("w01018", "Rtd", 30)
                .value("w01001", "Rtd", 7.2)
                .replyRequested(true)
                .encode();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", listener.port());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static Hj212Frame reply(Socket socket) throws Exception {
        return Hj212Codec.decode(LoggerReplies.readLine(socket.getInputStream()));
    }

    private double disconnects(String cause) {
        return meters.get(IngestMetrics.TCP_DISCONNECTS)
                .tag("cause", cause)
                .counter()
                .count();
    }

    @Test
    void wrongPasswordFloodFromAnotherConnectionCostsTheRealLoggerNothing() throws Exception {
        int burst = 3;
        start(1, burst, 100, Duration.ofSeconds(10));
        try (Socket flooder = connect();
                Socket logger = connect()) {
            for (int i = 0; i < 40; i++) {
                flooder.getOutputStream().write(cems(qn(), WRONG_PW, i).encode());
            }
            assertThat(db.awaitCount(
                            WAIT, n -> n >= 40, "SELECT count(*) FROM quarantine WHERE reason = 'wrong_password'"))
                    .isEqualTo(40);

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String qn = qn();
                sent.add(qn);
                logger.getOutputStream()
                        .write(cems(qn, SampleRegistry.CEMS_PW, 100 + i).encode());
            }
            for (String qn : sent) {
                Hj212Frame reply = reply(logger);
                assertThat(reply.cn()).isEqualTo("9014");
                assertThat(reply.qn()).isEqualTo(qn);
                assertThat(reply.pw()).isEqualTo(SampleRegistry.CEMS_PW);
            }
            assertThat(db.count("SELECT count(*) FROM cems_reading")).isEqualTo(2L * burst);
            assertThat(db.count("SELECT count(*) FROM quarantine WHERE reason <> 'wrong_password'"))
                    .isZero();

            flooder.setSoTimeout(1000);
            assertThatThrownBy(() -> flooder.getInputStream().read())
                    .as("no reply to a wrong-password frame")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void repliesOnlyToStoredFramesAndNeverEchoesAWrongPassword() throws Exception {
        start(1, 3, 100, Duration.ofSeconds(10));
        String wrongPw = qn();
        String unknownCn = qn();
        String impossible = qn();
        String partlyStored = qn();
        String stored = qn();
        String rateLimited = qn();
        String sentinel = qn();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(cems(wrongPw, WRONG_PW, 1).encode());
        frames.writeBytes(Hj212FrameBuilder.of("2099", "31", SampleRegistry.CEMS_MN)
                .qn(unknownCn)
                .password(SampleRegistry.CEMS_PW)
                .dataTime(NOW)
                .value("a21026", "Rtd", 20)
                .replyRequested(true)
                .encode());
        frames.writeBytes(Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                .qn(impossible)
                .password(SampleRegistry.CEMS_PW)
                .dataTime(NOW.minusSeconds(3))
                .value("a21026", "Rtd", -5)
                .replyRequested(true)
                .encode());
        frames.writeBytes(Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                .qn(partlyStored)
                .password(SampleRegistry.CEMS_PW)
                .dataTime(NOW.minusSeconds(4))
                .value("a21026", "Rtd", -5)
                .value("a19001", "Rtd", 9.5)
                .replyRequested(true)
                .encode());
        frames.writeBytes(cems(stored, SampleRegistry.CEMS_PW, 5).encode());
        frames.writeBytes(cems(rateLimited, SampleRegistry.CEMS_PW, 6).encode());
        frames.writeBytes(water(sentinel, 7));

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        List<String> answered = new ArrayList<>();
        try (Socket logger = connect()) {
            logger.getOutputStream().write(frames.toByteArray());
            while (!answered.contains(sentinel)) {
                byte[] line = LoggerReplies.readLine(logger.getInputStream());
                received.writeBytes(line);
                Hj212Frame reply = Hj212Codec.decode(line);
                assertThat(reply.cn()).isEqualTo("9014");
                answered.add(reply.qn());
            }
        }

        assertThat(answered).containsExactly(partlyStored, stored, sentinel);
        assertThat(received.toString(StandardCharsets.US_ASCII)).doesNotContain(WRONG_PW);
        assertThat(db.strings("SELECT reason FROM quarantine ORDER BY id"))
                .containsExactly(
                        "wrong_password", "unknown_cn", "impossible_value", "impossible_value", "rate_limited");
        assertThat(db.count("SELECT count(*) FROM cems_reading")).isEqualTo(3);
    }

    @Test
    void aLoggerThatNeverReadsIsDroppedWhileAnotherKeepsGettingItsDataStoredAndAnswered() throws Exception {
        start(0, 1, 8, Duration.ofSeconds(2));
        Socket stuck = new Socket();
        stuck.setReceiveBufferSize(1024);
        stuck.connect(new InetSocketAddress("127.0.0.1", listener.port()));
        AtomicInteger pumped = new AtomicInteger();
        Thread pump = new Thread(
                () -> {
                    try (stuck) {
                        OutputStream out = stuck.getOutputStream();
                        for (int i = 0; i < 20_000; i++) {
                            out.write(cems(qn(), SampleRegistry.CEMS_PW, i).encode());
                            pumped.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // dropped by the service: what this test waits for
                    }
                },
                "never-reads");
        pump.start();

        int answered = 0;
        try (Socket logger = connect()) {
            logger.setSoTimeout(5000);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (disconnects("reply_queue_full") + disconnects("reply_timeout") < 1 && System.nanoTime() < deadline) {
                String qn = qn();
                logger.getOutputStream().write(water(qn, answered));
                assertThat(reply(logger).qn()).isEqualTo(qn);
                answered++;
                Thread.sleep(50);
            }
            assertThat(disconnects("reply_queue_full") + disconnects("reply_timeout"))
                    .as("the logger that never reads is dropped")
                    .isEqualTo(1);
            pump.join(WAIT.toMillis());
            assertThat(pump.isAlive()).isFalse();

            for (int i = 0; i < 3; i++) {
                String qn = qn();
                long start = System.nanoTime();
                logger.getOutputStream().write(water(qn, 10_000 + i));
                assertThat(reply(logger).qn()).isEqualTo(qn);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                answered++;
            }
        }
        assertThat(db.count("SELECT count(*) FROM water_quality_reading")).isEqualTo(2L * answered);
        assertThat(listener.connections()).isLessThanOrEqualTo(1);
        System.out.printf(
                "never-reads: %d frames sent before it was dropped (%s), %d replies to the other logger meanwhile%n",
                pumped.get(), disconnects("reply_queue_full") > 0 ? "reply_queue_full" : "reply_timeout", answered);
    }

    @Test
    void aSplitMessageTooLargeOnceReassembledIsQuarantinedWithItsBytes() throws Exception {
        start(0, 1, 100, Duration.ofSeconds(10));
        String qn = qn();
        int packets = 13;
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int pno = 1; pno <= packets; pno++) {
            sent.writeBytes(Hj212Codec.encode(packet(qn, packets, pno, "9".repeat(800))));
        }
        try (Socket logger = connect()) {
            logger.getOutputStream().write(sent.toByteArray());
            String after = qn();
            logger.getOutputStream()
                    .write(cems(after, SampleRegistry.CEMS_PW, 1).encode());
            assertThat(reply(logger).qn()).as("the connection carries on").isEqualTo(after);
        }

        assertThat(db.strings("SELECT reason FROM quarantine")).containsExactly("payload_too_large");
        assertThat(db.count("SELECT length(payload) FROM quarantine")).isEqualTo(sent.size());
        assertThat(db.strings("SELECT convert_from(payload, 'UTF8') FROM quarantine"))
                .containsExactly(sent.toString(StandardCharsets.US_ASCII));
        assertThat(db.count("SELECT count(*) FROM cems_reading")).isEqualTo(2);
    }

    @Test
    void anIncompleteSplitMessageIsQuarantinedWithItsBytesWhenTheLoggerLeaves() throws Exception {
        start(0, 1, 100, Duration.ofSeconds(10));
        byte[] first = Hj212Codec.encode(packet(qn(), 2, 1, "1"));
        try (Socket logger = connect()) {
            logger.getOutputStream().write(first);
        }

        assertThat(db.awaitCount(WAIT, n -> n > 0, "SELECT count(*) FROM quarantine"))
                .isEqualTo(1);
        assertThat(db.strings("SELECT reason FROM quarantine")).containsExactly("incomplete_packets");
        assertThat(db.strings("SELECT convert_from(payload, 'UTF8') FROM quarantine"))
                .containsExactly(new String(first, StandardCharsets.US_ASCII));
    }

    /** Packet {@code pno} of {@code pnum} of a CEMS message, with the right password, asking for a reply. */
    private static Hj212Frame packet(String qn, int pnum, int pno, String padding) {
        Hj212Frame values = cems(qn, SampleRegistry.CEMS_PW, pno).build();
        List<List<Hj212Field>> cp = new ArrayList<>(values.cp());
        cp.add(List.of(new Hj212Field("a21026-Pad", padding)));
        int flag = values.flagBits() | Hj212Frame.FLAG_SPLIT;
        return new Hj212Frame(qn, values.st(), values.cn(), values.pw(), values.mn(), flag, pnum, pno, cp);
    }
}
