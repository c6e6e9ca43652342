package org.urad.envmon.ingest.inbound.tcp;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.PayloadDecoder;
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
        }
    }

    @Override
    public int badInARow() {
        return badInARow;
    }

    @Override
    public void close() {
        // nothing held open: multi-packet messages are not put together on this path
    }

    private void frame(byte[] bytes) throws InterruptedException {
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
