package org.urad.envmon.ingest.inbound.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
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
import org.urad.envmon.ingest.decode.hj212.Hj212PacketAssembler;
import org.urad.envmon.ingest.decode.hj212.Hj212Replies;
import org.urad.envmon.ingest.decode.hj212.Hj212Split;
import org.urad.envmon.ingest.inbound.MessageProcessor;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.Registry;

/**
 * One connected data logger: frames in, the same pipeline as MQTT, replies out after commit. A
 * logger that keeps sending unusable bytes, or stays silent past the idle timeout, is
 * disconnected; other loggers are unaffected.
 */
final class Hj212Connection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Hj212Connection.class);

    private final Socket socket;
    private final Hj212TcpSettings settings;
    private final MessageProcessor processor;
    private final TopicParser topics;
    private final Supplier<Registry> registry;
    private final Clock clock;
    private final Consumer<Hj212Connection> onClose;
    private final Hj212FrameSplitter splitter = new Hj212FrameSplitter();
    private final Hj212PacketAssembler packets;
    private final String peer;
    private int badInARow;

    Hj212Connection(
            Socket socket,
            Hj212TcpSettings settings,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            Consumer<Hj212Connection> onClose) {
        this.socket = socket;
        this.settings = settings;
        this.processor = processor;
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
        this.onClose = onClose;
        this.packets = new Hj212PacketAssembler(settings.packetTimeout(), 64);
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public void run() {
        byte[] chunk = new byte[8192];
        try (socket;
                InputStream in = socket.getInputStream()) {
            socket.setSoTimeout((int) settings.idleTimeout().toMillis());
            int n;
            while ((n = in.read(chunk)) >= 0) {
                Hj212Split split = splitter.feed(chunk, 0, n);
                for (Rejection garbage : split.discarded()) {
                    bad("tcp/" + peer, chunk, n, garbage);
                }
                for (byte[] frame : split.frames()) {
                    frame(frame);
                }
                for (Hj212Incomplete incomplete : packets.expire(clock.instant())) {
                    bad(topicOf(incomplete.mn()), chunk, 0, incomplete.error().toRejection());
                }
                if (badInARow >= settings.maxBadFrames()) {
                    log.warn("Disconnecting HJ 212 logger {}: {} unusable frames in a row", peer, badInARow);
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            log.info("Disconnecting HJ 212 logger {}: silent for {}", peer, settings.idleTimeout());
        } catch (IOException e) {
            log.debug("HJ 212 logger {} disconnected: {}", peer, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onClose.accept(this);
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing {}: {}", peer, e.getMessage());
        }
    }

    private void frame(byte[] bytes) throws InterruptedException {
        Instant now = clock.instant();
        Hj212Frame frame;
        try {
            frame = Hj212Codec.decode(bytes);
        } catch (DecodeException e) {
            bad("tcp/" + peer, bytes, bytes.length, e.toRejection());
            return;
        }
        Optional<Hj212Frame> whole;
        try {
            whole = packets.add(frame, now);
        } catch (DecodeException e) {
            bad(topicOf(frame.mn()), bytes, bytes.length, e.toRejection());
            return;
        }
        if (whole.isEmpty()) {
            return;
        }
        Hj212Frame message = whole.get();
        byte[] payload = message == frame ? bytes : Hj212Codec.encode(message);
        Ack ack = message.replyRequested() ? () -> send(Hj212Codec.encode(Hj212Replies.dataReply(message))) : Ack.NONE;
        badInARow = 0;
        processor.process(new RawMessage(topicOf(message.mn()), payload, now, null, ack));
    }

    private void bad(String topic, byte[] bytes, int length, Rejection rejection) throws InterruptedException {
        badInARow++;
        byte[] kept = java.util.Arrays.copyOf(bytes, Math.min(length, 4096));
        processor.reject(new RawMessage(topic, kept, clock.instant(), null, Ack.NONE), Hj212Decoder.FORMAT, rejection);
    }

    /** The topic a logger's frames would have on MQTT, so both ways in look alike downstream. */
    private String topicOf(String mn) {
        Registry current = registry.get();
        Optional<Monitor> monitor = mn == null ? Optional.empty() : current.monitorByMn(mn);
        if (monitor.isPresent()) {
            return topics.topic(monitor.get().kind(), monitor.get().deviceId(), Hj212Decoder.FORMAT);
        }
        return topics.topic(
                Family.CEMS,
                "MN-" + (mn == null ? "unknown" : mn.replaceAll("[^A-Za-z0-9_.-]", "_")),
                Hj212Decoder.FORMAT);
    }

    private void send(byte[] reply) {
        try {
            synchronized (socket) {
                OutputStream out = socket.getOutputStream();
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            log.debug("Reply to {} not sent: {}", peer, e.getMessage());
        }
    }
}
