package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.support.TerminalRegistry;

class TerminalFramerTests {

    private static final byte[] SZY206 = TerminalRegistry.golden("szy206/flow-report-c0.hex");
    private static final byte[] SL651 = TerminalRegistry.golden("sl651/timed-report-32.hex");

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void cutsFramesSentByteByByteAndSeveralInOneChunk() {
        for (var c :
                List.of(new Object[] {TerminalProtocol.SZY206, SZY206}, new Object[] {TerminalProtocol.SL651, SL651})) {
            TerminalProtocol protocol = (TerminalProtocol) c[0];
            byte[] frame = (byte[]) c[1];
            TerminalFramer framer = new TerminalFramer(protocol);
            List<byte[]> frames = new ArrayList<>();
            for (byte b : frame) {
                frames.addAll(framer.feed(new byte[] {b}, 0, 1).frames());
            }
            TerminalFramer.Split both = framer.feed(concat(frame, frame), 0, frame.length * 2);

            assertThat(frames).as(protocol.name()).singleElement().isEqualTo(frame);
            assertThat(both.frames()).as(protocol.name()).containsExactly(frame, frame);
            assertThat(both.garbage()).isEmpty();
        }
    }

    @Test
    void handsBackGarbageBetweenFramesAndKeepsTheFrames() {
        TerminalFramer framer = new TerminalFramer(TerminalProtocol.SL651);
        byte[] noise = "AT+CSQ\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        TerminalFramer.Split split =
                framer.feed(concat(noise, SL651, noise, SL651), 0, noise.length * 2 + SL651.length * 2);

        assertThat(split.frames()).containsExactly(SL651, SL651);
        assertThat(split.garbage()).containsExactly(noise, noise);
    }

    @Test
    void aFalseStartIsGarbageNotAStall() {
        TerminalFramer framer = new TerminalFramer(TerminalProtocol.SZY206);

        TerminalFramer.Split split = framer.feed(concat(new byte[] {0x68, 0x05, 0x00}, SZY206), 0, 3 + SZY206.length);

        assertThat(split.frames()).containsExactly(SZY206);
        assertThat(split.garbage()).containsExactly(new byte[] {0x68, 0x05, 0x00});
    }
}
