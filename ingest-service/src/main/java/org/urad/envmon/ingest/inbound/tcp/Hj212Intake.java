package org.urad.envmon.ingest.inbound.tcp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
import org.urad.envmon.ingest.metrics.TcpMetrics;
import org.urad.envmon.ingest.normalise.SenderCheck;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.Registry;

/**
 * What one logger's bytes become: frames cut from the stream, each frame's MN and PW checked before
 * anything else is done for it (a split packet is held only once its sender is known), split messages put
 * together, command exchanges (1013, 9011, 9012) handled by {@link Hj212Commands}, gaps asked for by {@link
 * Hj212Recovery} (its answers may be older than the live max-age), and whole messages handed to the pipeline with an acknowledgement that queues the 9014 reply
 * only when something was stored. Whatever cannot be used is quarantined with its bytes and counted as
 * bad. Nothing a logger sends makes it throw. Not thread-safe: the connection's reader thread only.
 */
final class Hj212Intake implements TcpIntake {

    /** Split messages one connection may have open at once. */
    private static final int MAX_OPEN_MESSAGES = 64;
    /** Bytes of a chunk kept in the quarantine when it held garbage. */
    private static final int KEPT_GARBAGE = 4096;

    private final String peer;
    private final MessageProcessor processor;
    private final TopicParser topics;
    private final Supplier<Registry> registry;
    private final Clock clock;
    private final Consumer<byte[]> replies;
    private final Hj212FrameSplitter splitter = new Hj212FrameSplitter();
    private final Hj212PacketAssembler packets;
    private final Hj212Commands commands;
    private final Hj212Recovery recovery;
    private final TcpMetrics meters;
    private final LoggerLinks links;
    private int badInARow;

    /** @param replies queues a reply to the logger; called by the flusher after commit, must never block */
    Hj212Intake(
            String peer,
            Hj212TcpSettings settings,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            Consumer<byte[]> replies,
            Hj212Commands commands,
            Hj212Recovery recovery,
            TcpMetrics meters,
            LoggerLinks links) {
        this.meters = meters;
        this.links = links;
        this.peer = peer;
        this.commands = commands;
        this.recovery = recovery;
        this.processor = processor;
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
        this.replies = replies;
        this.packets =
                new Hj212PacketAssembler(settings.packetTimeout(), MAX_OPEN_MESSAGES, settings.maxPendingBytes());
    }

    @Override
    public void accept(byte[] chunk, int n) throws InterruptedException {
        Hj212Split split = splitter.feed(chunk, 0, n);
        for (Rejection garbage : split.discarded()) {
            bad(peerTopic(), Arrays.copyOf(chunk, Math.min(n, KEPT_GARBAGE)), garbage);
        }
        for (byte[] frame : split.frames()) {
            meters.frame();
            frame(frame);
            quarantine(packets.expire(clock.instant())); // in order with the frames that follow
        }
        quarantine(packets.expire(clock.instant()));
    }

    @Override
    public void tick() {
        if (recovery != null) {
            recovery.tick();
        }
    }

    @Override
    public int badInARow() {
        return badInARow;
    }

    /** Quarantines the split messages still open, with their bytes: the connection is closing. */
    @Override
    public void close() throws InterruptedException {
        links.closed(replies);
        if (recovery != null) {
            recovery.closed();
        }
        quarantine(packets.abandon());
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
        Optional<Monitor> monitor = current.monitorByMn(frame.mn());
        if (monitor.isPresent() && recovery != null) {
            recovery.seen(frame, monitor.get());
        }
        if (monitor.isPresent()) {
            links.seen(monitor.get().deviceId(), frame, replies);
        }
        if (monitor.isPresent() && commands.handle(frame, monitor.get(), now)) {
            badInARow = 0;
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
            Duration horizon = recovery == null ? null : recovery.horizonFor(message.frame());
            Ack ack = ack(message.frame());
            if (horizon != null) {
                String cn = message.frame().cn();
                Ack reply = ack;
                ack = stored -> {
                    if (stored) {
                        recovery.recovered(cn);
                    }
                    reply.ack(stored);
                };
            }
            processor.process(
                    new RawMessage(topicOf(message.frame().mn(), current), message.bytes(), now, null, ack, horizon));
        }
    }

    /** The 9014 reply, queued after commit and only when something of the message was stored. */
    private Ack ack(Hj212Frame message) {
        if (!message.replyRequested()) {
            return Ack.NONE;
        }
        byte[] reply = Hj212Codec.encode(Hj212Replies.dataReply(message));
        return stored -> {
            if (stored) {
                replies.accept(reply);
            }
        };
    }

    private void quarantine(Iterable<Hj212Incomplete> givenUp) throws InterruptedException {
        for (Hj212Incomplete incomplete : givenUp) {
            bad(
                    topicOf(incomplete.mn(), registry.get()),
                    incomplete.bytes(),
                    incomplete.error().toRejection());
        }
    }

    private void bad(String topic, byte[] bytes, Rejection rejection) throws InterruptedException {
        badInARow++;
        meters.frameRefused(rejection.reason().code());
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
