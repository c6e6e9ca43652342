package org.urad.envmon.ingest.inbound.tcp;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.decode.TerminalClaim;
import org.urad.envmon.ingest.decode.sl651.Sl651Codec;
import org.urad.envmon.ingest.decode.sl651.Sl651Packet;
import org.urad.envmon.ingest.decode.sl651.Sl651Reassembly;
import org.urad.envmon.ingest.inbound.MessageProcessor;
import org.urad.envmon.ingest.metrics.TcpMetrics;
import org.urad.envmon.ingest.normalise.SenderCheck;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Registry;

/**
 * What one SZY 206 or SL 651 terminal's bytes become: frames cut from the stream, each frame's terminal
 * address looked up in the registry, and a registered terminal's frame handed to the pipeline under the
 * topic its device would publish on over MQTT ({@code <prefix>/<family>/<id>/<format>}), with an
 * acknowledgement that queues the protocol's confirmation only when something was stored. A frame from an
 * address no well or gate names is quarantined as {@code unknown_device} with its bytes and gets no reply.
 *
 * <p>SL 651 multi-packet messages (SYN, mode M3) are put together per connection ({@link Sl651Reassembly}):
 * each packet but the last is confirmed (ACK) as it is held, the whole message goes through the pipeline as
 * one frame and is confirmed after commit. Messages given up (timed out: checked whenever bytes arrive, and
 * when the connection closes) are quarantined with the packets' bytes.
 */
final class TerminalIntake implements TcpIntake {

    /** Bytes of a garbage run kept in the quarantine. */
    private static final int KEPT_GARBAGE = 4096;

    private final String peer;
    private final TerminalProtocol protocol;
    private final PayloadDecoder decoder;
    private final MessageProcessor processor;
    private final TopicParser topics;
    private final Supplier<Registry> registry;
    private final Clock clock;
    private final Consumer<byte[]> replies;
    private final TerminalFramer framer;
    private final TcpMetrics meters;
    private final Sl651Reassembly packets;
    private int badInARow;

    TerminalIntake(
            String peer,
            TerminalProtocol protocol,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            Consumer<byte[]> replies,
            TcpMetrics meters) {
        this(peer, protocol, processor, topics, registry, clock, replies, meters, Sl651Reassembly.Limits.DEFAULTS);
    }

    TerminalIntake(
            String peer,
            TerminalProtocol protocol,
            MessageProcessor processor,
            TopicParser topics,
            Supplier<Registry> registry,
            Clock clock,
            Consumer<byte[]> replies,
            TcpMetrics meters,
            Sl651Reassembly.Limits multiPacket) {
        this.packets = protocol == TerminalProtocol.SL651 ? new Sl651Reassembly(multiPacket) : null;
        this.meters = meters;
        this.peer = peer;
        this.protocol = protocol;
        this.decoder = protocol.decoder(clock);
        this.processor = processor;
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
        this.replies = replies;
        this.framer = new TerminalFramer(protocol);
    }

    @Override
    public void accept(byte[] chunk, int n) throws InterruptedException {
        TerminalFramer.Split split = framer.feed(chunk, 0, n);
        for (byte[] garbage : split.garbage()) {
            bad(
                    "tcp/" + peer,
                    Arrays.copyOf(garbage, Math.min(garbage.length, KEPT_GARBAGE)),
                    Rejection.of(
                            RejectReason.BAD_HEADER,
                            "discarded " + garbage.length + " bytes that are not part of a frame"));
        }
        for (byte[] frame : split.frames()) {
            meters.frame();
            frame(frame);
            expire();
        }
        expire();
    }

    @Override
    public int badInARow() {
        return badInARow;
    }

    @Override
    public void close() throws InterruptedException {
        if (packets != null) {
            givenUp(packets.abandon());
        }
    }

    private void expire() throws InterruptedException {
        if (packets != null) {
            givenUp(packets.expire(clock.instant()));
        }
    }

    private void givenUp(java.util.List<Sl651Reassembly.GivenUp> messages) throws InterruptedException {
        for (Sl651Reassembly.GivenUp message : messages) {
            bad(stationTopic(message.station()), message.bytes(), message.rejection());
        }
    }

    private void frame(byte[] bytes) throws InterruptedException {
        if (packets != null && Sl651Codec.isPacket(bytes)) {
            packet(bytes);
            return;
        }
        DecodedMessage message;
        try {
            message = decoder.decode(bytes);
        } catch (DecodeException e) {
            bad("tcp/" + peer, bytes, e.toRejection());
            return;
        }
        SenderCheck sender = SenderCheck.terminal(message.terminal(), registry.get());
        if (!sender.passed()) {
            bad(unknownTopic(message.terminal().address()), bytes, sender.rejection());
            return;
        }
        badInARow = 0;
        Device device = sender.device();
        processor.process(new RawMessage(
                topics.topic(device.family(), device.id(), protocol.format()),
                bytes,
                clock.instant(),
                null,
                confirmation(message)));
    }

    /** One packet of an SL 651 multi-packet message: held and confirmed, or completing its message. */
    private void packet(byte[] bytes) throws InterruptedException {
        Sl651Packet packet;
        try {
            packet = Sl651Codec.decodePacket(bytes);
        } catch (DecodeException e) {
            bad("tcp/" + peer, bytes, e.toRejection());
            return;
        }
        String station = packet.frame().station();
        SenderCheck sender = SenderCheck.terminal(new TerminalClaim(protocol.format(), station), registry.get());
        if (!sender.passed()) {
            bad(unknownTopic(station), bytes, sender.rejection());
            return;
        }
        Sl651Reassembly.Outcome outcome = packets.add(packet, bytes, clock.instant());
        if (outcome instanceof Sl651Reassembly.Held held) {
            badInARow = 0;
            replies.accept(held.reply());
        } else if (outcome instanceof Sl651Reassembly.Complete complete) {
            frame(complete.frame());
        } else if (outcome instanceof Sl651Reassembly.Refused refused) {
            bad(stationTopic(station), refused.bytes(), refused.rejection());
        }
    }

    /** The topic of the device a station address names, or the unregistered-address topic. */
    private String stationTopic(String station) {
        SenderCheck sender = SenderCheck.terminal(new TerminalClaim(protocol.format(), station), registry.get());
        if (!sender.passed()) {
            return unknownTopic(station);
        }
        return topics.topic(sender.device().family(), sender.device().id(), protocol.format());
    }

    /** The confirmation, queued after commit and only when something of the frame was stored. */
    private Ack confirmation(DecodedMessage message) {
        byte[] reply = message.reply();
        if (!message.replyRequested() || reply == null) {
            return Ack.NONE;
        }
        return stored -> {
            if (stored) {
                replies.accept(reply);
            }
        };
    }

    /** Where an unregistered terminal's frames are filed: its address stands in for the device id. */
    private String unknownTopic(String address) {
        return topics.topic(
                protocol.unknownFamily(), "ADDR-" + address.replaceAll("[^A-Za-z0-9]", "_"), protocol.format());
    }

    private void bad(String topic, byte[] bytes, Rejection rejection) throws InterruptedException {
        badInARow++;
        meters.frameRefused(rejection.reason().code());
        processor.reject(new RawMessage(topic, bytes, clock.instant(), null, Ack.NONE), protocol.format(), rejection);
    }
}
