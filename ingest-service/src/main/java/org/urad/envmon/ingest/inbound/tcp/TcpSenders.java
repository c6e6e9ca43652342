package org.urad.envmon.ingest.inbound.tcp;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Decoder;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.normalise.SenderCheck;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Registry;

/**
 * Who sent a frame that came in over TCP, asked again of the current registry: the check the listeners make
 * before a frame reaches the pipeline (an HJ 212 logger's MN and PW, an SZY 206 or SL 651 terminal's
 * address). The replay of quarantined frames uses it, so that a logger or terminal registered late gets its
 * frames stored under its device's topic, as if they had just arrived.
 */
public final class TcpSenders {

    /** The topic a frame goes through the pipeline under, or why its sender is still refused. */
    public record Sender(String topic, Rejection rejection) {

        public boolean known() {
            return rejection == null;
        }
    }

    private TcpSenders() {}

    /** The first HJ 212 frame of {@code bytes}: its MN and PW against the registry. */
    public static Sender hj212(byte[] bytes, Registry registry, TopicParser topics) {
        Hj212Frame frame;
        try {
            frame = Hj212Codec.decode(new Hj212Decoder().messages(bytes).get(0));
        } catch (DecodeException e) {
            return new Sender(null, e.toRejection());
        }
        SenderCheck sender = SenderCheck.logger(frame.mn(), frame.pw(), registry);
        if (!sender.passed()) {
            return new Sender(null, sender.rejection());
        }
        Device device = sender.device();
        return new Sender(topics.topic(device.family(), device.id(), Hj212Decoder.FORMAT), null);
    }

    /** An SZY 206 or SL 651 frame: its terminal address against the registry. */
    public static Sender terminal(String format, byte[] bytes, Registry registry, TopicParser topics, Clock clock) {
        TerminalProtocol protocol = protocol(format).orElseThrow();
        SenderCheck sender;
        try {
            sender = SenderCheck.terminal(protocol.decoder(clock).decode(bytes).terminal(), registry);
        } catch (DecodeException e) {
            return new Sender(null, e.toRejection());
        }
        if (!sender.passed()) {
            return new Sender(null, sender.rejection());
        }
        Device device = sender.device();
        return new Sender(topics.topic(device.family(), device.id(), protocol.format()), null);
    }

    /** Whether {@code format} is one the terminal listeners (SZY 206, SL 651) take. */
    public static boolean isTerminalFormat(String format) {
        return protocol(format).isPresent();
    }

    private static Optional<TerminalProtocol> protocol(String format) {
        return Arrays.stream(TerminalProtocol.values())
                .filter(p -> p.format().equals(format))
                .findFirst();
    }
}
