package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urad.envmon.ingest.decode.hj212.SeededTries.forAll;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameGenerator.Corruption;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameGenerator.CutStream;

/**
 * Verifies properties of the codec, the decoder and the splitter over generated inputs. Each try
 * has its own seed from {@link SeededTries}; a failure reports the seed and the input.
 */
class Hj212CodecPropertyTests {

    private final Hj212Decoder decoder = new Hj212Decoder();

    @Test
    void encodedFramesDecodeToThemselves() {
        forAll(
                500,
                Hj212FrameGenerator::frame,
                frame -> assertThat(Hj212Codec.decode(Hj212Codec.encode(frame))).isEqualTo(frame));
    }

    @Test
    void builtDataFramesDecodeToTheirValues() {
        forAll(500, g -> g.readings(20), readings -> {
            Hj212FrameBuilder builder =
                    Hj212FrameBuilder.of("2061", "32", "MN01").dataTime(Hj212FrameGenerator.DATA_TIME);
            for (int i = 0; i < readings.size(); i++) {
                builder.value(String.format("w%05d", i), "Avg", readings.get(i));
            }

            List<DecodedValue> values = decoder.decode(builder.encode()).values();

            assertThat(values).extracting(DecodedValue::value).containsExactlyElementsOf(readings);
            assertThat(values).allSatisfy(v -> assertThat(v.time()).isEqualTo(Hj212FrameGenerator.DATA_TIME));
        });
    }

    /** Corrupted frames are rejected with a reason or, when still well-formed, decoded: nothing else escapes. */
    @Test
    void corruptedFramesFailOnlyWithADecodeException() {
        forAll(1000, Hj212FrameGenerator::corruptedFrame, corrupted -> {
            try {
                decoder.decode(corrupted.bytes());
            } catch (DecodeException e) {
                assertThat(e.reason()).isNotNull();
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    @Test
    void arbitraryBytesFailOnlyWithADecodeException() {
        forAll(500, g -> g.arbitraryBytes(300), bytes -> {
            try {
                decoder.decode(bytes);
            } catch (DecodeException e) {
                assertThat(e.reason()).isNotNull();
            }
        });
    }

    @Test
    void theSplitterFindsEveryFrameHoweverTheStreamIsCut() {
        forAll(300, Hj212FrameGenerator::cutStream, cut -> {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            List<byte[]> sent = new ArrayList<>();
            for (Hj212Frame frame : cut.frames()) {
                byte[] bytes = Hj212Codec.encode(frame);
                sent.add(bytes);
                stream.writeBytes(bytes);
            }

            List<byte[]> received = feedInChunks(stream.toByteArray(), cut);

            assertThat(received).containsExactlyElementsOf(sent);
        });
    }

    /** Keeps the properties honest: the generated inputs reach the cases they are meant to cover. */
    @Test
    void generatedInputsCoverOptionalFieldsSplitFramesAndEveryCorruption() {
        List<Hj212Frame> frames = new ArrayList<>();
        Set<Corruption.Kind> kinds = EnumSet.noneOf(Corruption.Kind.class);
        for (long seed = 0; seed < 200; seed++) {
            Hj212FrameGenerator generator = new Hj212FrameGenerator(seed);
            frames.add(generator.frame());
            kinds.add(generator.corruptedFrame().corruption().kind());
        }

        assertThat(frames).anyMatch(f -> f.qn() == null).anyMatch(f -> f.pw() == null);
        assertThat(frames).anyMatch(f -> f.flag() == null).anyMatch(f -> f.cp().isEmpty());
        assertThat(frames).anyMatch(f -> f.split() && f.pnum() != null && f.pno() != null);
        assertThat(frames).anyMatch(f -> f.qn() != null && f.pw() != null && f.flag() != null && !f.split());
        assertThat(kinds).containsExactlyInAnyOrder(Corruption.Kind.values());
    }

    private static List<byte[]> feedInChunks(byte[] all, CutStream cut) {
        Hj212FrameSplitter splitter = new Hj212FrameSplitter(Hj212Codec.MAX_SEGMENT);
        List<Integer> sizes = cut.chunkSizes();
        List<byte[]> received = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < all.length; i++) {
            int end = sizes.isEmpty() ? all.length : Math.min(all.length, at + sizes.get(i % sizes.size()));
            Hj212Split split = splitter.feed(Arrays.copyOfRange(all, at, end));
            assertThat(split.discarded()).isEmpty();
            received.addAll(split.frames());
            at = end;
        }
        return received;
    }
}
