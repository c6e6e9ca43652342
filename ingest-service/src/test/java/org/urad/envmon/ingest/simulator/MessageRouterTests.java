package org.urad.envmon.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.decode.sl651.Sl651Decoder;
import org.urad.envmon.ingest.decode.szy206.Szy206Decoder;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.TerminalRegistry;

/**
 * Verifies that the simulator sends a terminal's messages as real frames over TCP and counts the
 * confirmations it gets back, and sends over MQTT what the protocol cannot carry. The listener here is a
 * plain socket that decodes each frame with the service's decoders and answers with the decoder's reply.
 */
class MessageRouterTests {

    private final RegistrySnapshot registry = TerminalRegistry.create();
    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<DecodedMessage> received = new CopyOnWriteArrayList<>();
    private final List<SimulatedMessage> overMqtt = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    @Test
    void sendsTerminalMessagesAsConfirmedFramesAndTheRestOverMqtt() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        TerminalLink szy206 = new TerminalLink("szy206", listen(new Szy206Decoder(Clock.systemUTC())));
        TerminalLink sl651 = new TerminalLink("sl651", listen(new Sl651Decoder()));
        MessageRouter router = new MessageRouter(registry, overMqtt::add, Map.of("szy206", szy206, "sl651", sl651));
        Device well = registry.device(TerminalRegistry.WELL).orElseThrow();
        Device gate = registry.device(TerminalRegistry.GATE).orElseThrow();

        // WHEN a well and a gate with terminals report, and the well once with a value at another time
        router.send(message(well, t, value("volume_total", t, 1234.4), value("flow", t, 36.0)));
        router.send(message(
                gate,
                t,
                value("flow", t, 2.5),
                value("level", t, 1.234),
                value("gate_opening", t, 0.75),
                value("volume_total", t, 99.0)));
        router.send(message(well, t, value("volume_total", t.minusSeconds(3600), 1000), value("flow", t, 1)));

        // THEN the first two went as frames, read back as sent and confirmed; the third over MQTT
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((szy206.confirmed() < 1 || sl651.confirmed() < 1) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(szy206.sent()).isEqualTo(1);
        assertThat(szy206.confirmed()).isEqualTo(1);
        assertThat(sl651.sent()).isEqualTo(1);
        assertThat(sl651.confirmed()).isEqualTo(1);
        assertThat(received)
                .extracting(m -> m.terminal().address())
                .containsExactlyInAnyOrder(TerminalRegistry.WELL_TERMINAL, TerminalRegistry.GATE_STATION);
        assertThat(received.stream().flatMap(m -> m.values().stream()))
                .extracting(v -> v.parameter() + "=" + v.value() + " " + v.unit(), DecodedValue::time)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("flow=0.01 m3/s", t),
                        org.assertj.core.groups.Tuple.tuple("volume_total=1234.0 m3", t),
                        org.assertj.core.groups.Tuple.tuple("flow=2.5 m3/s", t),
                        org.assertj.core.groups.Tuple.tuple("level=1.234 m", t),
                        org.assertj.core.groups.Tuple.tuple("gate_opening=0.75 m", t));
        assertThat(overMqtt).hasSize(1);
        szy206.close();
        sl651.close();
    }

    private static SimulatedMessage.Value value(String parameter, Instant t, double v) {
        return new SimulatedMessage.Value(parameter, t, v);
    }

    private static SimulatedMessage message(Device device, Instant t, SimulatedMessage.Value... values) {
        return new SimulatedMessage(device, t, DataFlag.N, List.of(values), List.of());
    }

    /** A listener that takes one frame per read, decodes it and writes the decoder's reply. */
    private InetSocketAddress listen(PayloadDecoder decoder) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread thread = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] chunk = new byte[4096];
                int n;
                while ((n = in.read(chunk)) > 0) {
                    DecodedMessage m = decoder.decode(Arrays.copyOf(chunk, n));
                    received.add(m);
                    out.write(m.reply());
                    out.flush();
                }
            } catch (Exception e) {
                // the test ends the listener by closing it
            }
        });
        thread.setDaemon(true);
        thread.start();
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }
}
