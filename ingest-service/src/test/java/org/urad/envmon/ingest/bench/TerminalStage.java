package org.urad.envmon.ingest.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.decode.sl651.Sl651Codec;
import org.urad.envmon.ingest.decode.sl651.Sl651Reports;
import org.urad.envmon.ingest.decode.szy206.Szy206Codec;
import org.urad.envmon.ingest.decode.szy206.Szy206Reports;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpListener;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpSettings;
import org.urad.envmon.ingest.inbound.tcp.TerminalProtocol;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Gate;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.registry.Terminal;
import org.urad.envmon.ingest.registry.Well;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;

/**
 * A SZY 206 or SL 651 listener end to end: {@code connections} terminals' links send frames of {@code devices}
 * registered terminals (SZY 206: flow and volume of a well; SL 651: flow, level and gate opening of a gate) as
 * fast as the confirmations come back, at most {@value #WINDOW} unconfirmed per link. A confirmation leaves
 * only after its frame's readings commit, so confirmations per second are frames per second through the
 * listener to commit. Each device's k-th frame is observed k minutes after a start two days ago.
 */
final class TerminalStage {

    record Result(double framesPerSecond, long sent, long confirmed, long readingsStored, long expectedReadings) {}

    private static final int WINDOW = 256;

    private final String brokerUrl;

    TerminalStage(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    Result run(TerminalProtocol protocol, int devices, int connections, Duration duration) throws Exception {
        RegistrySnapshot registry = registry(protocol, devices);
        int readingsPerFrame = protocol == TerminalProtocol.SZY206 ? 2 : 3;
        try (MigratedDatabase db = MigratedDatabase.create("bench_" + protocol.format())) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
            IngestPipeline pipeline = Pipelines.start(
                    Pipelines.properties(brokerUrl, "bench-" + prefix, prefix + "/v1", null, Pipelines.SERVICE_BUFFER),
                    db.dataSource(),
                    registry,
                    meters);
            Hj212TcpListener listener = Hj212TcpListener.forTerminals(
                    protocol,
                    new Hj212TcpSettings("127.0.0.1", 0, Duration.ofMinutes(5), 100, 10, Duration.ofSeconds(60)),
                    pipeline.processor(),
                    new TopicParser(prefix + "/v1"),
                    () -> registry,
                    Clock.systemUTC(),
                    new IngestMetrics(meters));
            listener.start();
            Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
            List<Link> links = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                links.add(new Link(protocol, listener.port(), registry, c, connections, start));
            }
            long begin = System.nanoTime();
            long deadline = begin + duration.toNanos();
            links.forEach(l -> l.start(deadline));
            for (Link l : links) {
                l.thread.join();
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            long confirmedInWindow =
                    links.stream().mapToLong(l -> l.confirmed.get()).sum();
            long sent = links.stream().mapToLong(l -> l.sent).sum();
            long wait = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (links.stream().mapToLong(l -> l.confirmed.get()).sum() < sent && System.nanoTime() < wait) {
                Thread.sleep(20);
            }
            long confirmed = links.stream().mapToLong(l -> l.confirmed.get()).sum();
            for (Link l : links) {
                l.socket.close();
            }
            listener.stop();
            pipeline.stop();
            long stored =
                    (long) meters.get(IngestMetrics.READINGS_STORED).counter().count();
            return new Result(confirmedInWindow / seconds, sent, confirmed, stored, sent * readingsPerFrame);
        }
    }

    /** One link: a writer thread sending round the devices it carries, a reader counting confirmations. */
    private static final class Link {
        private final TerminalProtocol protocol;
        private final Socket socket;
        private final List<String> addresses = new ArrayList<>();
        private final Instant start;
        private final Semaphore window = new Semaphore(WINDOW);
        private final AtomicLong confirmed = new AtomicLong();
        private long sent;
        private Thread thread;

        Link(TerminalProtocol protocol, int port, RegistrySnapshot registry, int index, int of, Instant start)
                throws IOException {
            this.protocol = protocol;
            this.start = start;
            this.socket = new Socket("127.0.0.1", port);
            List<String> all = registry.devices().stream()
                    .map(d -> terminal(registry, d).address())
                    .sorted()
                    .toList();
            for (int i = index; i < all.size(); i += of) {
                addresses.add(all.get(i));
            }
            Thread reader = new Thread(this::read, "bench-" + protocol.format() + "-replies-" + index);
            reader.setDaemon(true);
            reader.start();
        }

        void start(long deadlineNanos) {
            thread = new Thread(() -> write(deadlineNanos), "bench-" + protocol.format() + "-" + addresses.size());
            thread.start();
        }

        private void write(long deadlineNanos) {
            try {
                OutputStream out = socket.getOutputStream();
                for (long round = 0; System.nanoTime() < deadlineNanos; round++) {
                    Instant t = start.plus(round, ChronoUnit.MINUTES);
                    for (String address : addresses) {
                        window.acquire();
                        out.write(frame(address, t, round));
                        sent++;
                    }
                    out.flush();
                }
                out.flush();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        private byte[] frame(String address, Instant t, long round) {
            double x = (round % 1000) / 1000.0;
            if (protocol == TerminalProtocol.SZY206) {
                return Szy206Codec.encode(Szy206Reports.flow(address, 0.01 + x / 100, 1000 + round, 0, 0, t, 0));
            }
            return Sl651Codec.encode(Sl651Reports.hex(
                    1,
                    address,
                    0,
                    0x32,
                    (int) (round & 0xFFFF),
                    t,
                    Sl651Reports.GATE_STATION,
                    t,
                    List.of(
                            Sl651Reports.Element.flow(2 + x),
                            Sl651Reports.Element.level(1 + x),
                            Sl651Reports.Element.gateOpening(0.5 + x))));
        }

        /** Counts replies by their framing (every reply to a stored report is its confirmation). */
        private void read() {
            byte[] b = new byte[65536];
            int size = 0;
            try {
                InputStream in = socket.getInputStream();
                int n;
                while ((n = in.read(b, size, b.length - size)) >= 0) {
                    size += n;
                    int at = 0;
                    while (size - at >= 13) {
                        int length = protocol == TerminalProtocol.SZY206
                                ? (b[at + 1] & 0xFF) + 5
                                : 13 + ((b[at + 11] & 0x0F) << 8 | (b[at + 12] & 0xFF)) + 4;
                        if (size - at < length) {
                            break;
                        }
                        at += length;
                        confirmed.incrementAndGet();
                        window.release();
                    }
                    System.arraycopy(b, at, b, 0, size - at);
                    size -= at;
                }
            } catch (IOException e) {
                // the stage closed the link
            }
        }
    }

    private static Terminal terminal(RegistrySnapshot registry, Device d) {
        return d.family() == Family.WELL
                ? registry.well(d.id()).orElseThrow().terminal()
                : registry.gate(d.id()).orElseThrow().terminal();
    }

    /** {@code devices} wells with SZY 206 terminals, or gates with SL 651 stations. */
    static RegistrySnapshot registry(TerminalProtocol protocol, int devices) {
        List<Device> all = new ArrayList<>();
        List<Well> wells = new ArrayList<>();
        List<Gate> gates = new ArrayList<>();
        for (int i = 1; i <= devices; i++) {
            String address = "%02X%08X".formatted(protocol == TerminalProtocol.SZY206 ? 0x15 : 0, i);
            if (protocol == TerminalProtocol.SZY206) {
                String id = "BW%05d".formatted(i);
                all.add(new Device(id, Family.WELL, id, Duration.ofHours(1), 108.5, 41.5, true));
                wells.add(new Well(
                        id,
                        "V001",
                        "ZONE-UMB",
                        30000,
                        "electromagnetic",
                        false,
                        null,
                        false,
                        true,
                        null,
                        new Terminal("szy206", address)));
            } else {
                String id = "BG%05d".formatted(i);
                all.add(new Device(id, Family.GATE, id, Duration.ofMinutes(5), 108.3, 41.2, true));
                gates.add(new Gate(id, "示例干渠", "mass_managed", true, new Terminal("sl651", address)));
            }
        }
        List<ParameterSpec> parameters = List.of(
                new ParameterSpec(Family.WELL, "volume_total", "累计取水量", "cumulative abstraction", "m3", 0.0, 1e9, null),
                new ParameterSpec(Family.WELL, "flow", "瞬时流量", "pumping flow", "m3/h", 0.0, 1e6, null),
                new ParameterSpec(Family.GATE, "flow", "过闸流量", "flow", "m3/s", 0.0, 2000.0, null),
                new ParameterSpec(Family.GATE, "level", "闸前水位", "water level", "m", -10.0, 5000.0, null),
                new ParameterSpec(Family.GATE, "gate_opening", "闸门开度", "gate opening", "m", 0.0, 20.0, null));
        return new RegistrySnapshot(all, parameters, wells, List.of(), List.of(), gates);
    }
}
