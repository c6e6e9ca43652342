package org.urad.envmon.ingest.inbound.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.decode.sl651.Sl651Reassembly;
import org.urad.envmon.ingest.inbound.MessageProcessor;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.TcpMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.store.CommandLog;

/**
 * Accepts HJ 212 data loggers that connect over TCP. Each connection gets its own thread ({@code
 * hj212-<address>}) that cuts the byte stream into frames and feeds them to the same {@link
 * MessageProcessor} as MQTT; the 9014 reply goes out only after the frame's readings commit, written by
 * the connection's own writer thread ({@code hj212-reply-<address>}). A watchdog thread ({@code
 * hj212-watchdog}) drops loggers whose reply writes stall past the write timeout; with gap recovery on, a
 * recovery thread ({@code hj212-recovery}) asks connected loggers for the data missing from the database
 * ({@link Hj212Recovery}); with an answer timeout, the same thread settles, at start and every answer
 * timeout, the logged commands that can no longer be answered ({@link UnansweredCommands}). Every QN the
 * listener puts on a command comes from its one {@link QnSource}. With a TLS context
 * configured it accepts TLS only (the handshake runs on the connection's thread). Connections beyond the
 * total or the per-address limit are closed at once and counted. {@link #forTerminals} serves SZY 206 and
 * SL 651 terminals the same way (threads named after the protocol: {@code szy206-<address>}, …).
 */
public final class Hj212TcpListener {

    private static final Logger log = LoggerFactory.getLogger(Hj212TcpListener.class);
    /**
     * The kernel's send buffer per logger, fixed rather than auto-tuned (up to megabytes): replies are small,
     * and a logger that does not read then stalls a write, and is dropped, after some hundred replies.
     */
    private static final int SEND_BUFFER = 64 * 1024;

    private final Hj212TcpSettings settings;
    private final String protocol;
    private final String label;
    private final TcpIntake.Factory intakes;
    private final IngestMetrics metrics;
    private final TcpMetrics meters;
    private final Set<Hj212Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    /** How often connections are ticked for gap recovery ({@code hj212-recovery} thread); null: never. */
    private Duration recoveryTick;
    /** Sweeps the command log of commands no one will answer, on the recovery thread; null: never. */
    private UnansweredCommands unanswered;
    /** The HJ 212 loggers connected now, for operators' commands; none for SZY 206 / SL 651. */
    private final LoggerLinks links;

    private ScheduledExecutorService recoveryThread;
    private volatile ServerSocket server;
    private volatile boolean running;

    public Hj212TcpListener(
            Hj212TcpSettings settings,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics) {
        this(settings, processor, topics, registry, clock, metrics, null, CommandLog.NONE);
    }

    /**
     * @param clockSkewMax a logger whose clock is further off is set (1012); {@code null}: only when it asks
     * @param commandLog where the commands sent and their outcomes are logged
     */
    public Hj212TcpListener(
            Hj212TcpSettings settings,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics,
            Duration clockSkewMax,
            CommandLog commandLog) {
        this(settings, processor, topics, registry, clock, metrics, clockSkewMax, commandLog, null);
    }

    /**
     * @param recovery how the gaps in loggers' data are asked for; {@code null}: they are not
     */
    public Hj212TcpListener(
            Hj212TcpSettings settings,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics,
            Duration clockSkewMax,
            CommandLog commandLog,
            HistoryRecovery recovery) {
        this(
                settings,
                processor,
                topics,
                registry,
                clock,
                metrics,
                clockSkewMax,
                commandLog,
                recovery,
                recovery == null ? null : recovery.settings().answerTimeout());
    }

    /**
     * @param answerTimeout how long a command may go unanswered: the command log is swept of commands still
     *     waiting {@link UnansweredCommands#FACTOR} times that long ({@link UnansweredCommands}); {@code
     *     null}: it is not
     */
    public Hj212TcpListener(
            Hj212TcpSettings settings,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics,
            Duration clockSkewMax,
            CommandLog commandLog,
            HistoryRecovery recovery,
            Duration answerTimeout) {
        this(
                settings,
                "hj212",
                "HJ 212",
                metrics,
                new LoggerLinks(commandLog, new QnSource()),
                (meters, links) -> (peer, replies) -> {
                    Hj212Recovery gaps = recovery == null ? null : recovery.open(replies, links.qns());
                    return new Hj212Intake(
                            peer,
                            settings,
                            processor,
                            topics,
                            registry,
                            clock,
                            replies,
                            new Hj212Commands(
                                    clockSkewMax,
                                    commandLog,
                                    replies,
                                    links.qns(),
                                    gaps == null ? Hj212Commands.Answers.NONE : gaps),
                            gaps,
                            meters,
                            links);
                });
        this.recoveryTick = recovery == null ? null : recovery.settings().tick();
        this.unanswered = answerTimeout == null ? null : new UnansweredCommands(commandLog, answerTimeout, clock);
        metrics.tcpConnections(connections::size);
    }

    /**
     * A listener for SZY 206 or SL 651 terminals: the same accept loop, connection limits, outbox and
     * watchdog as for HJ 212 loggers; only the framing, and how a frame names its sender, differ.
     */
    public static Hj212TcpListener forTerminals(
            TerminalProtocol protocol,
            Hj212TcpSettings settings,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics) {
        return forTerminals(
                protocol, settings, processor, topics, registry, clock, metrics, Sl651Reassembly.Limits.DEFAULTS);
    }

    /** As above, with the bounds of SL 651 multi-packet messages ({@code ingest.sl651.multi-packet.*}). */
    public static Hj212TcpListener forTerminals(
            TerminalProtocol protocol,
            Hj212TcpSettings settings,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics,
            Sl651Reassembly.Limits multiPacket) {
        return new Hj212TcpListener(
                settings,
                protocol.format(),
                protocol.label(),
                metrics,
                null,
                (meters, links) -> (peer, replies) -> new TerminalIntake(
                        peer, protocol, processor, topics, registry, clock, replies, meters, multiPacket));
    }

    private Hj212TcpListener(
            Hj212TcpSettings settings,
            String protocol,
            String label,
            IngestMetrics metrics,
            LoggerLinks links,
            java.util.function.BiFunction<TcpMetrics, LoggerLinks, TcpIntake.Factory> intakes) {
        this.settings = settings;
        this.links = links;
        this.protocol = protocol;
        this.label = label;
        this.metrics = metrics;
        this.meters = metrics.tcp(protocol);
        this.intakes = intakes.apply(meters, links);
        meters.connections(connections::size);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, protocol + "-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()));
        server = socket;
        running = true;
        long every = Math.max(10, Math.min(1000, settings.writeTimeout().toMillis() / 4));
        watchdog.scheduleAtFixedRate(this::checkReplies, every, every, TimeUnit.MILLISECONDS);
        if (recoveryTick != null || unanswered != null) {
            recoveryThread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, protocol + "-recovery");
                thread.setDaemon(true);
                return thread;
            });
        }
        if (recoveryTick != null) {
            long tick = recoveryTick.toMillis();
            recoveryThread.scheduleWithFixedDelay(this::tickConnections, tick, tick, TimeUnit.MILLISECONDS);
        }
        if (unanswered != null) {
            long sweep = unanswered.every().toMillis();
            recoveryThread.scheduleWithFixedDelay(unanswered, 0, sweep, TimeUnit.MILLISECONDS);
        }
        Thread acceptor = new Thread(this::acceptLoop, protocol + "-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("{} listener on {}:{}{}", label, settings.host(), port(), settings.tls() == null ? "" : " (TLS)");
    }

    /**
     * TLS, when configured, is layered over each accepted TCP socket rather than done by the server socket: the
     * connection keeps the plain socket underneath, so that it can always drop a logger at once, even one whose
     * TLS close would wait on a write the logger never reads.
     */
    private Socket secure(Socket raw) throws IOException {
        if (settings.tls() == null) {
            return raw;
        }
        SSLSocket socket = (SSLSocket) settings.tls()
                .getSocketFactory()
                .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
        socket.setUseClientMode(false);
        switch (settings.clientAuth()) {
            case NEED -> socket.setNeedClientAuth(true);
            case WANT -> socket.setWantClientAuth(true);
            case NONE -> socket.setNeedClientAuth(false);
        }
        return socket;
    }

    /** The loggers connected now, to send them operators' commands; empty for SZY 206 and SL 651 terminals. */
    public Optional<LoggerLinks> links() {
        return Optional.ofNullable(links);
    }

    /** {@code hj212}, {@code szy206} or {@code sl651}. */
    public String protocol() {
        return protocol;
    }

    /** Where a client on this host reaches the listener: its bound port, on loopback when bound to all addresses. */
    public InetSocketAddress localAddress() {
        InetAddress bound = server.getInetAddress();
        return new InetSocketAddress(
                bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound, server.getLocalPort());
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.size();
    }

    public void stop() {
        running = false;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            log.debug("Closing the {} listener: {}", label, e.getMessage());
        }
        watchdog.shutdownNow();
        if (recoveryThread != null) {
            recoveryThread.shutdownNow();
        }
        connections.forEach(Hj212Connection::close);
    }

    private void checkReplies() {
        long now = System.nanoTime();
        try {
            connections.forEach(c -> c.checkReplies(now));
        } catch (RuntimeException e) {
            log.warn("Checking {} reply writes failed", label, e); // keep the watchdog scheduled
        }
    }

    private void tickConnections() {
        for (Hj212Connection connection : connections) {
            try {
                connection.tick();
            } catch (RuntimeException e) {
                log.warn("Gap recovery of a {} connection failed", label, e); // keep the others going
            }
        }
    }

    /** Null when the connection may stay, else the limit it breaks; counts it for its address if it stays. */
    private String refusal(Socket socket) {
        if (connections.size() >= settings.maxConnections()) {
            return "total";
        }
        boolean[] over = {false};
        perAddress.compute(socket.getInetAddress(), (a, n) -> {
            int open = n == null ? 0 : n;
            over[0] = open >= settings.maxConnectionsPerAddress();
            return over[0] ? n : open + 1;
        });
        return over[0] ? "per_address" : null;
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket raw = server.accept();
                String refused = refusal(raw);
                if (refused != null) {
                    metrics.tcpRefused(refused);
                    meters.connectionRefused(refused);
                    log.warn("Refusing {} terminal {}: {} limit reached", label, raw.getRemoteSocketAddress(), refused);
                    raw.close();
                    continue;
                }
                serve(raw);
            } catch (SocketException e) {
                if (running) {
                    log.warn("{} listener socket error: {}", label, e.getMessage());
                }
            } catch (IOException e) {
                log.warn("Accepting a {} terminal failed: {}", label, e.getMessage());
            }
        }
    }

    /** Starts the connection of a socket counted for its address (and uncounts it if that fails). */
    private void serve(Socket raw) throws IOException {
        raw.setSendBufferSize(SEND_BUFFER);
        InetAddress address = raw.getInetAddress();
        Runnable uncount = () -> perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        Consumer<Hj212Connection> onClose = closed -> {
            connections.remove(closed);
            uncount.run();
        };
        Socket socket;
        try {
            socket = secure(raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            uncount.run();
            throw e;
        }
        Hj212Connection connection =
                new Hj212Connection(socket, raw, settings, protocol, intakes, metrics, meters, onClose);
        connections.add(connection);
        Thread thread = new Thread(connection, protocol + "-" + raw.getRemoteSocketAddress());
        thread.setDaemon(true);
        thread.start();
    }
}
