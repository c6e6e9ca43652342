package org.urad.envmon.ingest.replay;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.urad.envmon.ingest.decode.hj212.Hj212Decoder;
import org.urad.envmon.ingest.inbound.MessageProcessor;
import org.urad.envmon.ingest.inbound.tcp.TcpSenders;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.store.QuarantineReplays.Quarantined;

/**
 * One quarantined message back through the path it first took. A message that came over MQTT goes through
 * the message path with its topic and bytes. A frame a TCP listener filed under a stand-in topic (an unknown
 * HJ 212 logger's {@code MN-…}, an unknown SZY 206 or SL 651 terminal's {@code ADDR-…}, or the peer's
 * {@code tcp/…} for a frame that could not be read) first has its sender asked again of the registry, as
 * the listener does, and then goes through under its device's topic. The acknowledgement is {@link Ack#NONE}:
 * no reply reaches a device for a replayed frame.
 */
final class Readmission {

    private final MessageProcessor processor;
    private final TopicParser topics;
    private final Supplier<Registry> registry;
    private final Clock clock;

    Readmission(MessageProcessor processor, TopicParser topics, Supplier<Registry> registry, Clock clock) {
        this.processor = processor;
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
    }

    List<Outcome> outcomes(Quarantined q) {
        RawMessage raw = new RawMessage(q.topic(), q.payload(), q.receivedAt(), null, Ack.NONE);
        if (!cameOverTcp(q)) {
            return processor.outcomes(raw);
        }
        TcpSenders.Sender sender = Hj212Decoder.FORMAT.equals(q.format())
                ? TcpSenders.hj212(q.payload(), registry.get(), topics)
                : TcpSenders.terminal(q.format(), q.payload(), registry.get(), topics, clock);
        if (!sender.known()) {
            return List.of(Outcome.rejected(raw, q.format(), q.deviceId(), sender.rejection()));
        }
        return processor.outcomes(new RawMessage(sender.topic(), q.payload(), q.receivedAt(), null, Ack.NONE));
    }

    /** Whether a TCP listener filed the message under a stand-in for a sender it did not know. */
    static boolean cameOverTcp(Quarantined q) {
        boolean hj212 = Hj212Decoder.FORMAT.equals(q.format());
        boolean terminal = TcpSenders.isTerminalFormat(q.format());
        if (!hj212 && !terminal) {
            return false;
        }
        if (q.topic().startsWith("tcp/")) {
            return true;
        }
        String device = q.deviceId() == null ? "" : q.deviceId();
        return hj212 ? device.startsWith("MN-") : device.startsWith("ADDR-");
    }
}
