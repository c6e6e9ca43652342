package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;

/** Verifies that the splitter cuts a TCP stream into the frames it carries. */
class Hj212FrameSplitterTests {

    private static final byte[] MINUTE = Hj212Golden.bytes("valid/cems-2051-minute.hj212");
    private static final byte[] REALTIME = Hj212Golden.bytes("valid/cems-2011-realtime-reply.hj212");
    private static final byte[] HOUR = Hj212Golden.bytes("valid/water-2061-hour.hj212");

    private final Hj212FrameSplitter splitter = new Hj212FrameSplitter();

    @Test
    void findsSeveralFramesInOneChunk() {
        Hj212Split split = splitter.feed(concat(MINUTE, REALTIME, HOUR));

        assertThat(split.frames()).containsExactly(MINUTE, REALTIME, HOUR);
        assertThat(split.discarded()).isEmpty();
        assertThat(splitter.buffered()).isZero();
    }

    @Test
    void findsFramesSplitAtEveryPossibleOffset() {
        byte[] stream = concat(MINUTE, REALTIME);
        for (int cut = 0; cut <= stream.length; cut++) {
            Hj212FrameSplitter fresh = new Hj212FrameSplitter();

            List<byte[]> frames = new ArrayList<>(
                    fresh.feed(Arrays.copyOfRange(stream, 0, cut)).frames());
            frames.addAll(
                    fresh.feed(Arrays.copyOfRange(stream, cut, stream.length)).frames());

            assertThat(frames).as("cut at %d", cut).containsExactly(MINUTE, REALTIME);
            assertThat(fresh.buffered()).isZero();
        }
    }

    @Test
    void findsFramesFedOneByteAtATime() {
        List<byte[]> frames = new ArrayList<>();
        for (byte b : concat(HOUR, MINUTE)) {
            Hj212Split split = splitter.feed(new byte[] {b});
            assertThat(split.discarded()).isEmpty();
            frames.addAll(split.frames());
        }

        assertThat(frames).containsExactly(HOUR, MINUTE);
    }

    @Test
    void discardsAndReportsGarbageBetweenFrames() {
        Hj212Split split = splitter.feed(concat(ascii("AT+OK\r\n#"), MINUTE, ascii("noise # ##x"), REALTIME));

        assertThat(split.frames()).containsExactly(MINUTE, REALTIME);
        assertThat(split.discarded())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.reason()).isEqualTo(RejectReason.BAD_HEADER));
    }

    @Test
    void dropsBlankLinesBetweenFramesSilently() {
        Hj212Split split = splitter.feed(concat(MINUTE, ascii("\r\n \r\n"), REALTIME));

        assertThat(split.frames()).containsExactly(MINUTE, REALTIME);
        assertThat(split.discarded()).isEmpty();
    }

    @Test
    void discardsAnOversizeFrameOnceAndKeepsTheNextFrame() {
        Hj212FrameSplitter small = new Hj212FrameSplitter(400);
        byte[] big = Hj212Golden.bytes("valid/vector3-2011-surface-water.hj212");

        List<Rejection> discarded = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        byte[] stream = concat(big, MINUTE);
        for (int at = 0; at < stream.length; at += 100) {
            Hj212Split split = small.feed(Arrays.copyOfRange(stream, at, Math.min(at + 100, stream.length)));
            discarded.addAll(split.discarded());
            frames.addAll(split.frames());
        }

        assertThat(discarded)
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE));
        assertThat(frames).containsExactly(MINUTE);
        assertThat(small.buffered()).isZero();
    }

    @Test
    void holdsNoMoreThanOneFrameWhileWaitingForALineEnd() {
        Hj212FrameSplitter small = new Hj212FrameSplitter(400);
        byte[] endless = new byte[5000];
        Arrays.fill(endless, (byte) 'x');
        endless[0] = '#';
        endless[1] = '#';
        endless[2] = '0';

        Hj212Split split = small.feed(endless);

        assertThat(split.discarded()).extracting(Rejection::reason).containsExactly(RejectReason.PAYLOAD_TOO_LARGE);
        assertThat(small.buffered()).isLessThanOrEqualTo(1);
        assertThat(small.feed(MINUTE).frames()).containsExactly(MINUTE);
    }

    @Test
    void endsAFrameWithoutLineEndAtTheNextHeaderAndLeavesTheVerdictToTheDecoder() throws DecodeException {
        byte[] trimmed = Arrays.copyOf(MINUTE, MINUTE.length - 2);

        Hj212Split split = splitter.feed(concat(trimmed, REALTIME));

        assertThat(split.frames()).containsExactly(trimmed, REALTIME);
        assertThat(Hj212Codec.decode(split.frames().get(0))).isEqualTo(Hj212Codec.decode(MINUTE));
    }

    @Test
    void waitsForTheRestOfAFrame() {
        assertThat(splitter.feed(Arrays.copyOf(MINUTE, 50)).frames()).isEmpty();

        assertThat(splitter.buffered()).isEqualTo(50);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
