package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.decode.sl651.Sl651Codec;
import org.urad.envmon.ingest.decode.sl651.Sl651Frame;
import org.urad.envmon.ingest.decode.sl651.Sl651Packet;
import org.urad.envmon.ingest.decode.sl651.Sl651Reports;
import org.urad.envmon.ingest.decode.szy206.Szy206Codec;
import org.urad.envmon.ingest.decode.szy206.Szy206Frame;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.TcpMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.TerminalFrames;
import org.urad.envmon.ingest.support.TerminalRegistry;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies SZY 206 and SL 651 terminals over real TCP sockets into a real PostgreSQL: a golden frame is stored
 * and confirmed only after commit; a frame from an unregistered address is quarantined with its bytes and gets
 * no confirmation; an SL 651 multi-packet message is stored once, each packet confirmed, and one left
 * incomplete is quarantined with the packets that arrived.
 */
class TerminalTcpIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RegistrySnapshot registry = TerminalRegistry.create();
    private MigratedDatabase database;
    private Db db;
    private IngestPipeline pipeline;
    private Hj212TcpListener szy206;
    private Hj212TcpListener sl651;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("terminal_tcp");
        db = new Db(database.dataSource());
        String prefix = Pipelines.uniquePrefix();
        pipeline = Pipelines.start(
                TerminalRegistry.acceptingOldReadings(
                        Pipelines.properties(TestServices.mqttUrl(), "ingest-" + UUID.randomUUID(), prefix)),
                database.dataSource(),
                registry,
                new SimpleMeterRegistry());
        szy206 = listener(TerminalProtocol.SZY206, prefix);
        sl651 = listener(TerminalProtocol.SL651, prefix);
    }

    private Hj212TcpListener listener(TerminalProtocol protocol, String prefix) throws IOException {
        Hj212TcpListener listener = Hj212TcpListener.forTerminals(
                protocol,
                new Hj212TcpSettings("127.0.0.1", 0, Duration.ofSeconds(30), 10, 3, Duration.ofSeconds(30)),
                pipeline.processor(),
                new TopicParser(prefix),
                () -> registry,
                Clock.systemUTC(),
                new IngestMetrics(meters));
        listener.start();
        return listener;
    }

    @AfterEach
    void tearDown() throws Exception {
        szy206.stop();
        sl651.stop();
        pipeline.stop();
        database.close();
    }

    @Test
    void storesASzy206ReportAndConfirmsItOnlyAfterCommit() throws Exception {
        Instant minuteAgo = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        byte[] frame = TerminalFrames.withSzy206Time(TerminalRegistry.golden("szy206/flow-report-c0.hex"), minuteAgo);
        try (Socket terminal = new Socket("127.0.0.1", szy206.port())) {
            // split across two writes, as a 4G module may send it
            terminal.getOutputStream().write(Arrays.copyOf(frame, 10));
            terminal.getOutputStream().flush();
            Thread.sleep(50);
            terminal.getOutputStream().write(Arrays.copyOfRange(frame, 10, frame.length));

            Szy206Frame reply = Szy206Codec.decode(readSzy206(terminal.getInputStream()));

            // The confirmation leaves after the commit, so the rows are there when it arrives.
            assertThat(db.count("SELECT count(*) FROM well_reading WHERE device_id = ?", TerminalRegistry.WELL))
                    .isEqualTo(2);
            assertThat(reply.fromTerminal()).isFalse();
            assertThat(reply.addressHex()).isEqualTo(TerminalRegistry.WELL_TERMINAL);
            assertThat(reply.afn()).isEqualTo(0xC0);
        }
        assertThat(db.strings("SELECT parameter || '=' || value::text FROM well_reading ORDER BY parameter"))
                .containsExactly("flow=21240", "volume_total=106182");
    }

    @Test
    void storesAnSl651TimedReportAndConfirmsItWithEot() throws Exception {
        try (Socket station = new Socket("127.0.0.1", sl651.port())) {
            station.getOutputStream().write(TerminalRegistry.golden("sl651/timed-report-32.hex"));

            Sl651Frame reply = Sl651Codec.decode(readSl651(station.getInputStream()));

            assertThat(db.count("SELECT count(*) FROM gate_reading WHERE device_id = ?", TerminalRegistry.GATE))
                    .isEqualTo(1);
            assertThat(reply.up()).isFalse();
            assertThat(reply.end()).isEqualTo(Sl651Frame.EOT);
            assertThat(reply.station()).isEqualTo(TerminalRegistry.GATE_STATION);
        }
        assertThat(db.strings("SELECT parameter || '=' || value::text FROM gate_reading"))
                .containsExactly("level=10.49");
    }

    @Test
    void countsConnectionsFramesRefusalsAndRepliesPerListener() throws Exception {
        byte[] unregistered =
                TerminalFrames.withSl651Station(TerminalRegistry.golden("sl651/timed-report-32.hex"), "0011223345");
        try (Socket station = new Socket("127.0.0.1", sl651.port())) {
            // GIVEN a station that sends a registered report, an unregistered one and a run of garbage
            station.getOutputStream().write(TerminalRegistry.golden("sl651/timed-report-32.hex"));
            readSl651(station.getInputStream());
            station.getOutputStream().write(unregistered);
            station.getOutputStream().write(new byte[] {0x55, 0x55, 0x55});
            assertThat(db.awaitCount(WAIT, n -> n >= 2, "SELECT count(*) FROM quarantine"))
                    .isEqualTo(2);
            // THEN the SL 651 listener's meters say so, tagged with its protocol, and the SZY 206 one's stay at 0
            assertThat(await(() -> counter(TcpMetrics.REPLIES, "sl651"), 1)).isEqualTo(1);
            assertThat(meters.get(TcpMetrics.CONNECTIONS)
                            .tag("protocol", "sl651")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            assertThat(counter(TcpMetrics.FRAMES, "sl651")).isEqualTo(2);
            assertThat(meters.get(TcpMetrics.FRAMES_REFUSED)
                            .tag("protocol", "sl651")
                            .tag("reason", "unknown_device")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get(TcpMetrics.FRAMES_REFUSED)
                            .tag("protocol", "sl651")
                            .tag("reason", "bad_header")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(counter(TcpMetrics.FRAMES, "szy206")).isZero();
            assertThat(meters.get(TcpMetrics.CONNECTIONS)
                            .tag("protocol", "szy206")
                            .gauge()
                            .value())
                    .isZero();
        }
    }

    private double counter(String name, String protocol) {
        return meters.get(name).tag("protocol", protocol).counter().count();
    }

    /** The value once it reaches {@code expected}, or as it is after the wait. */
    private static double await(java.util.function.DoubleSupplier value, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (value.getAsDouble() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return value.getAsDouble();
    }

    @Test
    void quarantinesAnUnregisteredStationWithItsBytesAndSendsNoConfirmation() throws Exception {
        byte[] frame =
                TerminalFrames.withSl651Station(TerminalRegistry.golden("sl651/timed-report-32.hex"), "0011223345");
        try (Socket station = new Socket("127.0.0.1", sl651.port())) {
            station.getOutputStream().write(frame);

            assertThat(db.awaitCount(WAIT, n -> n >= 1, "SELECT count(*) FROM quarantine"))
                    .isEqualTo(1);
            station.setSoTimeout(1000);
            assertThatThrownBy(() -> station.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(db.strings("SELECT reason || ' ' || format || ': ' || detail FROM quarantine"))
                .singleElement()
                .asString()
                .startsWith("unknown_device sl651")
                .contains("'0011223345'");
        assertThat(db.count("SELECT count(*) FROM quarantine WHERE payload = ?", (Object) frame))
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM gate_reading")).isZero();
    }

    @Test
    void storesAThreePacketSl651MessageAsOneReportAndConfirmsEveryPacket() throws Exception {
        byte[] whole = TerminalRegistry.golden("sl651/timed-report-32.hex");
        java.util.List<byte[]> packets = Sl651Reports.packets(Sl651Codec.decode(whole), 3);
        try (Socket station = new Socket("127.0.0.1", sl651.port())) {
            station.setSoTimeout((int) WAIT.toMillis()); // a packet left unconfirmed fails the test
            InputStream in = station.getInputStream();
            java.util.List<byte[]> replies = new java.util.ArrayList<>();
            for (byte[] packet : packets) {
                station.getOutputStream().write(packet);
                station.getOutputStream().flush();
                replies.add(readSl651(in)); // M3: the station sends the next packet once this one is confirmed
            }

            for (int i = 0; i < 2; i++) {
                Sl651Packet ack = Sl651Codec.decodePacket(replies.get(i));
                assertThat(ack.frame().up()).isFalse();
                assertThat(ack.frame().end()).isEqualTo(Sl651Frame.ACK);
                assertThat(ack.frame().station()).isEqualTo(TerminalRegistry.GATE_STATION);
                assertThat(ack.seq()).isEqualTo(i + 1);
                assertThat(ack.total()).isEqualTo(3);
            }
            // the last packet completes the message: its confirmation leaves after the commit
            Sl651Frame last = Sl651Codec.decode(replies.get(2));
            assertThat(db.count("SELECT count(*) FROM gate_reading WHERE device_id = ?", TerminalRegistry.GATE))
                    .isEqualTo(1);
            assertThat(last.up()).isFalse();
            assertThat(last.end()).isEqualTo(Sl651Frame.EOT);
            assertThat(last.function()).isEqualTo(0x32);
        }
        assertThat(db.strings("SELECT parameter || '=' || value::text FROM gate_reading"))
                .containsExactly("level=10.49");
        assertThat(db.count("SELECT count(*) FROM quarantine")).isZero();
    }

    @Test
    void quarantinesTheArrivedPacketsOfAMessageLeftIncompleteWhenTheConnectionCloses() throws Exception {
        byte[] whole = TerminalRegistry.golden("sl651/timed-report-32.hex");
        java.util.List<byte[]> packets = Sl651Reports.packets(Sl651Codec.decode(whole), 3);
        try (Socket station = new Socket("127.0.0.1", sl651.port())) {
            station.setSoTimeout((int) WAIT.toMillis());
            station.getOutputStream().write(packets.get(0));
            station.getOutputStream().write(packets.get(0)); // a resend: ignored, confirmed again
            station.getOutputStream().write(packets.get(2));
            for (int i = 0; i < 3; i++) {
                assertThat(Sl651Codec.decodePacket(readSl651(station.getInputStream()))
                                .frame()
                                .end())
                        .isEqualTo(Sl651Frame.ACK);
            }
        }
        assertThat(db.awaitCount(WAIT, n -> n >= 1, "SELECT count(*) FROM quarantine"))
                .isEqualTo(1);
        assertThat(db.strings("SELECT reason FROM quarantine")).containsExactly("incomplete_packets");
        byte[] arrived = Arrays.copyOf(packets.get(0), packets.get(0).length + packets.get(2).length);
        System.arraycopy(packets.get(2), 0, arrived, packets.get(0).length, packets.get(2).length);
        assertThat(db.count("SELECT count(*) FROM quarantine WHERE payload = ?", (Object) arrived))
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM gate_reading")).isZero();
    }

    /** {@code 68H L 68H}, L bytes, CS, {@code 16H}. */
    private static byte[] readSzy206(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] head = new byte[3];
        data.readFully(head);
        byte[] frame = Arrays.copyOf(head, 3 + (head[1] & 0xFF) + 2);
        data.readFully(frame, 3, frame.length - 3);
        return frame;
    }

    /** A HEX/BCD frame: 13-byte header with the body length, STX, body, end character, CRC. */
    private static byte[] readSl651(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] head = new byte[13];
        data.readFully(head);
        byte[] frame = Arrays.copyOf(head, 13 + (((head[11] & 0x0F) << 8) | (head[12] & 0xFF)) + 4);
        data.readFully(frame, 13, frame.length - 13);
        return frame;
    }
}
