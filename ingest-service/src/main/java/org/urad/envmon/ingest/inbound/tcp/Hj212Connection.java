package org.urad.envmon.ingest.inbound.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Decoder;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameSplitter;
import org.urad.envmon.ingest.decode.hj212.Hj212Incomplete;
import org.urad.envmon.ingest.decode.hj212.Hj212Message;
import org.urad.envmon.ingest.decode.hj212.Hj212PacketAssembler;
import org.urad.envmon.ingest.decode.hj212.Hj212Replies;
import org.urad.envmon.ingest.decode.hj212.Hj212Split;
import org.urad.envmon.ingest.inbound.MessageProcessor;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.IngestMetrics.Disconnect;
import org.urad.envmon.ingest.normalise.SenderCheck;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.Registry;

/**
 * One connected data logger: frames in, the same pipeline as MQTT, replies out after commit. Every frame's
 * MN and PW are checked before anything else is done for it (a split packet is held only once its sender
 * is known). The 9014 reply of a stored frame goes through the connection's {@link Hj212Outbox}, written
 * by its own thread ({@code hj212-reply-<address>}). A logger that keeps sending unusable or
 * unauthenticated frames, stays silent past the idle timeout, or does not read its replies is
 * disconnected; other loggers are unaffected. Nothing a logger sends ends this loop but an I/O error.
 */
final class Hj212Connection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Hj212Connection.class);
    /** Split messages one connection may have open at once. */
    private static final int MAX_OPEN_MESSAGES = 64;
    /** How long a closing connection waits for its writer to stop before resetting the socket. */
    private static final Duration WRITER_STOP = Duration.ofMillis(200);
    /** Bytes of a chunk kept in the quarantine when it held garbage. */
    private static final int KEPT_GARBAGE = 4096;

    private final Socket socket;
    /** The TCP socket under {@code socket} (the same one without TLS): closing it never waits. */
    private final Socket raw;

    private final Hj212TcpSettings settings;
    private final MessageProcessor processor;
    private final TopicParser topics;
    private final Supplier<Registry> registry;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final Consumer<Hj212Connection> onClose;
    private final Hj212FrameSplitter splitter = new Hj212FrameSplitter();
    private final Hj212PacketAssembler packets;
    private final String peer;
    private volatile Hj212Outbox outbox;
    /** {@link System#nanoTime} when a graceful close began (a TLS close may wait on the logger); 0 before. */
    private volatile long closingSince;

    private int badInARow;

    Hj212Connection(
            Socket socket,
            Socket raw,
            Hj212TcpSettings settings,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics,
            Consumer<Hj212Connection> onClose) {
        this.socket = socket;
        this.raw = raw;
        this.settings = settings;
        this.processor = processor;
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
        this.metrics = metrics;
        this.onClose = onClose;
        this.packets =
                new Hj212PacketAssembler(settings.packetTimeout(), MAX_OPEN_MESSAGES, settings.maxPendingBytes());
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public void run() {
        Thread writer = null;
        try {
            socket.setSoTimeout((int) settings.idleTimeout().toMillis());
            InputStream in = socket.getInputStream();
            outbox = new Hj212Outbox(
                    settings.replyQueue(), settings.writeTimeout(), socket.getOutputStream(), this::stuck);
            writer = new Thread(outbox, "hj212-reply-" + peer);
            writer.setDaemon(true);
            writer.start();
            read(in);
        } catch (SocketTimeoutException e) {
            metrics.tcpDisconnected(Disconnect.IDLE);
            log.info("Disconnecting HJ 212 logger {}: silent for {}", peer, settings.idleTimeout());
        } catch (IOException e) {
            log.debug("HJ 212 logger {} disconnected: {}", peer, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeAfter(writer);
            quarantineOpenMessages();
            onClose.accept(this);
        }
    }

    /**
     * Stops the writer and closes the socket: gracefully when the writer is idle (replies already written
     * still reach the logger), at once when it is stuck in a write (a TLS close would wait for that write).
     */
    private void closeAfter(Thread writer) {
        if (outbox != null) {
            outbox.close();
        }
        boolean stuckWriting = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(WRITER_STOP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stuckWriting = writer.isAlive();
        }
        if (stuckWriting) {
            close();
            return;
        }
        long start = System.nanoTime();
        closingSince = start == 0 ? 1 : start;
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing {}: {}", peer, e.getMessage());
        }
    }

    /** Drops the connection at once, without waiting for anything to be written: never blocks. */
    void close() {
        try {
            raw.setSoLinger(true, 0);
        } catch (IOException e) {
            log.debug("Resetting {}: {}", peer, e.getMessage());
        }
        try {
            raw.close();
        } catch (IOException e) {
            log.debug("Closing {}: {}", peer, e.getMessage());
        }
    }

    /**
     * Called by the listener's watchdog: drops the logger if a reply write has stalled, or if closing the
     * connection (a TLS goodbye to a logger that does not read) takes longer than the write timeout.
     */
    void checkReplies(long nowNanos) {
        Hj212Outbox out = outbox;
        if (out != null) {
            out.checkWrite(nowNanos);
        }
        long closing = closingSince;
        if (closing != 0 && nowNanos - closing > settings.writeTimeout().toNanos()) {
            closingSince = 0;
            log.debug("Closing {} took longer than {}; reset", peer, settings.writeTimeout());
            close();
        }
    }

    private void read(InputStream in) throws IOException, InterruptedException {
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            Hj212Split split = splitter.feed(chunk, 0, n);
            for (Rejection garbage : split.discarded()) {
                bad(peerTopic(), Arrays.copyOf(chunk, Math.min(n, KEPT_GARBAGE)), garbage);
            }
            for (byte[] frame : split.frames()) {
                frame(frame);
            }
            quarantine(packets.expire(clock.instant()));
            if (badInARow >= settings.maxBadFrames()) {
                metrics.tcpDisconnected(Disconnect.BAD_FRAMES);
                log.warn("Disconnecting HJ 212 logger {}: {} unusable frames in a row", peer, badInARow);
                return;
            }
        }
    }

    private void frame(byte[] bytes) throws InterruptedException {
        Instant now = clock.instant();
        Hj212Frame frame;
        try {
            frame = Hj212Codec.decode(bytes);
        } catch (DecodeException e) {
            bad(peerTopic(), bytes, e.toRejection());
            return;
        }
        Registry current = registry.get();
        SenderCheck sender = SenderCheck.logger(frame.mn(), frame.pw(), current);
        if (!sender.passed()) {
            bad(topicOf(frame.mn(), current), bytes, sender.rejection());
            return;
        }
        Optional<Hj212Message> whole;
        try {
            whole = packets.add(frame, bytes, now);
        } catch (DecodeException e) {
            bad(topicOf(frame.mn(), current), bytes, e.toRejection());
            return;
        }
        badInARow = 0;
        if (whole.isPresent()) {
            Hj212Message message = whole.get();
            processor.process(new RawMessage(
                    topicOf(message.frame().mn(), current), message.bytes(), now, null, ack(message.frame())));
        }
    }

    /** The 9014 reply, queued after commit and only when something of the message was stored. */
    private Ack ack(Hj212Frame message) {
        if (!message.replyRequested()) {
            return Ack.NONE;
        }
        byte[] reply = Hj212Codec.encode(Hj212Replies.dataReply(message));
        Hj212Outbox out = outbox;
        return stored -> {
            if (stored) {
                out.offer(reply);
            }
        };
    }

    /** Any thread, once: the outbox found the logger not reading. */
    private void stuck(Disconnect cause) {
        metrics.tcpDisconnected(cause);
        log.warn(
                "Disconnecting HJ 212 logger {}: {}",
                peer,
                cause == Disconnect.REPLY_QUEUE_FULL
                        ? settings.replyQueue() + " replies wait unread"
                        : "a reply took longer than " + settings.writeTimeout() + " to write");
        close();
    }

    private void quarantine(Iterable<Hj212Incomplete> givenUp) throws InterruptedException {
        for (Hj212Incomplete incomplete : givenUp) {
            bad(
                    topicOf(incomplete.mn(), registry.get()),
                    incomplete.bytes(),
                    incomplete.error().toRejection());
        }
    }

    private void quarantineOpenMessages() {
        try {
            quarantine(packets.abandon());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Open split messages of {} not quarantined: {}", peer, e.toString());
        }
    }

    private void bad(String topic, byte[] bytes, Rejection rejection) throws InterruptedException {
        badInARow++;
        processor.reject(new RawMessage(topic, bytes, clock.instant(), null, Ack.NONE), Hj212Decoder.FORMAT, rejection);
    }

    private String peerTopic() {
        return "tcp/" + peer;
    }

    /** The topic a logger's frames would have on MQTT, so both ways in look alike downstream. */
    private String topicOf(String mn, Registry current) {
        Optional<Monitor> monitor = mn == null ? Optional.empty() : current.monitorByMn(mn);
        if (monitor.isPresent()) {
            return topics.topic(monitor.get().kind(), monitor.get().deviceId(), Hj212Decoder.FORMAT);
        }
        return topics.topic(
                Family.CEMS,
                "MN-" + (mn == null ? "unknown" : mn.replaceAll("[^A-Za-z0-9_.-]", "_")),
                Hj212Decoder.FORMAT);
    }
}
