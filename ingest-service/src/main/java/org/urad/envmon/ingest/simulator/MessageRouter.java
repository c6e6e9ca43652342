package org.urad.envmon.ingest.simulator;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.registry.Gate;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.registry.Terminal;
import org.urad.envmon.ingest.registry.Well;

/**
 * Sends each simulated message the way its device reports in the field: a well or gate with a registered
 * SZY 206 or SL 651 terminal over that protocol's link, when the service listens for it; everything else,
 * and whatever the protocol cannot carry ({@link TerminalEncoder}), over MQTT. A frame the link cannot
 * deliver goes over MQTT as well, so that the demo loses nothing.
 */
final class MessageRouter implements MessageSink {

    private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);

    private final Registry registry;
    private final MessageSink mqtt;
    private final Map<String, TerminalLink> links;
    private final TerminalEncoder encoder = new TerminalEncoder();

    /** @param links by protocol ({@code szy206}, {@code sl651}): the listeners the service runs */
    MessageRouter(Registry registry, MessageSink mqtt, Map<String, TerminalLink> links) {
        this.registry = registry;
        this.mqtt = mqtt;
        this.links = links;
    }

    @Override
    public void send(SimulatedMessage message) throws Exception {
        Terminal terminal = terminal(message).orElse(null);
        TerminalLink link = terminal == null ? null : links.get(terminal.protocol());
        Optional<byte[]> frame;
        synchronized (encoder) {
            frame = link == null ? Optional.empty() : encoder.frame(terminal, message);
        }
        if (frame.isPresent()) {
            try {
                link.send(frame.get());
                return;
            } catch (IOException e) {
                log.warn(
                        "{} listener unreachable ({}); {} reports over MQTT",
                        link.protocol(),
                        e.getMessage(),
                        message.device().id());
            }
        }
        mqtt.send(message);
    }

    private Optional<Terminal> terminal(SimulatedMessage message) {
        String id = message.device().id();
        return switch (message.device().family()) {
            case WELL -> registry.well(id).map(Well::terminal);
            case GATE -> registry.gate(id).map(Gate::terminal);
            default -> Optional.empty();
        };
    }
}
