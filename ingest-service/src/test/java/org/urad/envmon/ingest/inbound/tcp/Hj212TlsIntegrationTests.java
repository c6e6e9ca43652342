package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.config.TlsContexts;
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
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the HJ 212 listener with TLS on a certificate made for the test by the JDK's {@code keytool}: a
 * logger that trusts it is served and answered, a plain-TCP logger gets nothing stored, and connections
 * beyond the per-address limit are closed and counted.
 */
class Hj212TlsIntegrationTests {

    private static final String STORE_PASSWORD = "test-only-changeit";

    @TempDir
    static Path dir;

    private final RegistrySnapshot registry = SampleRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MigratedDatabase database;
    private Db db;
    private IngestPipeline pipeline;
    private String prefix;
    private Hj212TcpListener listener;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("hj212tls");
        db = new Db(database.dataSource());
        prefix = Pipelines.uniquePrefix();
        pipeline = Pipelines.start(
                Pipelines.properties(TestServices.mqttUrl(), "ingest-" + UUID.randomUUID(), prefix),
                database.dataSource(),
                registry,
                meters);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (listener != null) {
            listener.stop();
        }
        pipeline.stop();
        database.close();
    }

    private void start(SSLContext tls, int perAddress) throws IOException {
        start(tls, perAddress, Hj212TcpSettings.DEFAULT_WRITE_TIMEOUT);
    }

    private void start(SSLContext tls, int perAddress, Duration writeTimeout) throws IOException {
        listener = new Hj212TcpListener(
                new Hj212TcpSettings(
                        "127.0.0.1",
                        0,
                        Duration.ofSeconds(30),
                        10,
                        3,
                        Duration.ofSeconds(30),
                        perAddress,
                        tls,
                        Hj212TcpSettings.ClientAuth.NONE,
                        Hj212TcpSettings.DEFAULT_REPLY_QUEUE,
                        writeTimeout,
                        Hj212TcpSettings.DEFAULT_MAX_PENDING_BYTES),
                pipeline.processor(),
                new TopicParser(prefix),
                () -> registry,
                Clock.systemUTC(),
                new IngestMetrics(meters));
        listener.start();
    }

    @Test
    void aTlsLoggerThatNeverReadsIsDroppedWhenAReplyWriteStalls() throws Exception {
        start(serverContext(), 10, Duration.ofMillis(500));
        AtomicInteger pumped = new AtomicInteger();
        SSLSocket stuck = (SSLSocket) loggerContext().getSocketFactory().createSocket();
        stuck.setReceiveBufferSize(1024);
        stuck.connect(new InetSocketAddress("127.0.0.1", listener.port()));
        stuck.startHandshake();
        // about 500 frames a second: the replies fill the socket buffers within seconds, and a stalled write
        // then outlasts the write timeout (0.5 s) long before the reply queue (1000) is full
        Thread pump = new Thread(
                () -> {
                    try {
                        for (int i = 0; i < 20_000; i++) {
                            stuck.getOutputStream().write(frame(i % 100));
                            pumped.incrementAndGet();
                            if (i % 50 == 49) {
                                Thread.sleep(100);
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        // dropped by the service
                    }
                },
                "never-reads-tls");
        pump.start();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (listener.connections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(listener.connections())
                .as("the stalled TLS connection is closed")
                .isZero();
        assertThat(meters.get(IngestMetrics.TCP_DISCONNECTS)
                        .tag("cause", "reply_timeout")
                        .counter()
                        .count())
                .isEqualTo(1);
        pump.join(30_000);
        assertThat(pump.isAlive()).isFalse();
        stuck.close();
        System.out.printf("never-reads over TLS: dropped after %d frames%n", pumped.get());
    }

    /** A server key store and a trust store holding its certificate, made with keytool. */
    private static synchronized Path[] stores() throws Exception {
        Path server = dir.resolve("server.p12");
        Path trust = dir.resolve("trust.p12");
        if (!server.toFile().exists()) {
            String keytool =
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "hj212",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    server.toString(),
                    "-storepass",
                    STORE_PASSWORD);
            run(
                    keytool,
                    "-exportcert",
                    "-alias",
                    "hj212",
                    "-keystore",
                    server.toString(),
                    "-storepass",
                    STORE_PASSWORD,
                    "-file",
                    dir.resolve("server.crt").toString());
            run(
                    keytool,
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    "hj212",
                    "-file",
                    dir.resolve("server.crt").toString(),
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    trust.toString(),
                    "-storepass",
                    STORE_PASSWORD);
        }
        return new Path[] {server, trust};
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", List.of(command).subList(0, 2)) + ": " + out);
        }
    }

    private static SSLContext serverContext() throws Exception {
        Path[] s = stores();
        return TlsContexts.create(new IngestProperties.Tls(
                s[0].toString(), STORE_PASSWORD, "PKCS12", null, null, "PKCS12", IngestProperties.Tls.ClientAuth.NONE));
    }

    private static SSLContext loggerContext() throws Exception {
        Path[] s = stores();
        return TlsContexts.create(new IngestProperties.Tls(
                null, null, "PKCS12", s[1].toString(), STORE_PASSWORD, "PKCS12", IngestProperties.Tls.ClientAuth.NONE));
    }

    private static byte[] frame(double so2) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                .qn(now)
                .password(SampleRegistry.CEMS_PW)
                .dataTime(now)
                .value("a21026", "Rtd", so2)
                .dataFlag("a21026", "N")
                .replyRequested(true)
                .encode();
    }

    @Test
    void servesALoggerOverTlsAndRepliesAfterCommit() throws Exception {
        start(serverContext(), 10);
        try (SSLSocket logger =
                (SSLSocket) loggerContext().getSocketFactory().createSocket("127.0.0.1", listener.port())) {
            logger.getOutputStream().write(frame(21.5));
            Hj212Frame reply = Hj212Codec.decode(LoggerReplies.readLine(logger.getInputStream()));

            assertThat(reply.cn()).isEqualTo("9014");
            assertThat(db.count("SELECT count(*) FROM cems_reading")).isEqualTo(1);
            assertThat(logger.getSession().getProtocol()).startsWith("TLS");
        }
    }

    @Test
    void plainTcpToTheTlsListenerStoresNothing() throws Exception {
        start(serverContext(), 10);
        try (Socket plain = new Socket("127.0.0.1", listener.port())) {
            plain.setSoTimeout(20_000);
            plain.getOutputStream().write(frame(30));
            int answer;
            try {
                answer = plain.getInputStream().read(new byte[256]);
            } catch (IOException reset) {
                answer = -1;
            }
            assertThat(answer).as("a TLS alert or nothing, never a 9014 reply").isLessThan(20);
        }
        try (SSLSocket logger =
                (SSLSocket) loggerContext().getSocketFactory().createSocket("127.0.0.1", listener.port())) {
            logger.getOutputStream().write(frame(31)); // and the listener still serves TLS loggers
            assertThat(Hj212Codec.decode(LoggerReplies.readLine(logger.getInputStream()))
                            .cn())
                    .isEqualTo("9014");
        }
        assertThat(db.strings("SELECT value::text FROM cems_reading")).containsExactly("31");
    }

    @Test
    void refusesConnectionsBeyondThePerAddressLimit() throws Exception {
        start(null, 2);
        try (Socket first = new Socket("127.0.0.1", listener.port());
                Socket second = new Socket("127.0.0.1", listener.port());
                Socket third = new Socket("127.0.0.1", listener.port())) {
            third.setSoTimeout(20_000);
            assertThat(third.getInputStream().read())
                    .as("closed by the listener")
                    .isEqualTo(-1);
            second.getOutputStream().write(frame(12));
            assertThat(Hj212Codec.decode(LoggerReplies.readLine(second.getInputStream()))
                            .cn())
                    .isEqualTo("9014");
        }
        assertThat(meters.get("ingest.limits.tcp.refused")
                        .tag("cause", "per_address")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
