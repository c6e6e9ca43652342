package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedValue;

/** Properties of the codec, the decoder and the splitter over generated frames. */
class Hj212CodecPropertyTests {

    private final Hj212Decoder decoder = new Hj212Decoder();

    @Property(tries = 500)
    void encodedFramesDecodeToThemselves(@ForAll("frames") Hj212Frame frame) throws DecodeException {
        assertThat(Hj212Codec.decode(Hj212Codec.encode(frame))).isEqualTo(frame);
    }

    @Property(tries = 500)
    void builtDataFramesDecodeToTheirValues(@ForAll("readings") @Size(max = 20) List<Double> readings)
            throws DecodeException {
        Instant time = Instant.parse("2024-03-01T00:30:00Z");
        Hj212FrameBuilder builder = Hj212FrameBuilder.of("2061", "32", "MN01").dataTime(time);
        for (int i = 0; i < readings.size(); i++) {
            builder.value(String.format("w%05d", i), "Avg", readings.get(i));
        }

        List<DecodedValue> values = decoder.decode(builder.encode()).values();

        assertThat(values).extracting(DecodedValue::value).containsExactlyElementsOf(readings);
        assertThat(values).allSatisfy(v -> assertThat(v.time()).isEqualTo(time));
    }

    /** Corrupted frames are rejected with a reason or, when still well-formed, decoded: nothing else escapes. */
    @Property(tries = 1000)
    void corruptedFramesFailOnlyWithADecodeException(
            @ForAll("dataFrames") byte[] frame, @ForAll("corruptions") Corruption corruption) {
        byte[] corrupted = corruption.apply(frame);

        try {
            decoder.decode(corrupted);
        } catch (DecodeException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void arbitraryBytesFailOnlyWithADecodeException(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            decoder.decode(bytes);
        } catch (DecodeException e) {
            assertThat(e.reason()).isNotNull();
        }
    }

    @Property(tries = 300)
    void theSplitterFindsEveryFrameHoweverTheStreamIsCut(
            @ForAll("frameLists") List<Hj212Frame> frames,
            @ForAll @Size(max = 10) List<@IntRange(min = 1, max = 400) Integer> chunkSizes) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> sent = new ArrayList<>();
        for (Hj212Frame frame : frames) {
            byte[] bytes = Hj212Codec.encode(frame);
            sent.add(bytes);
            stream.writeBytes(bytes);
        }
        byte[] all = stream.toByteArray();
        Hj212FrameSplitter splitter = new Hj212FrameSplitter(Hj212Codec.MAX_SEGMENT);

        List<byte[]> received = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < all.length; i++) {
            int size = chunkSizes.isEmpty() ? all.length : chunkSizes.get(i % chunkSizes.size());
            int end = Math.min(all.length, at + size);
            Hj212Split split = splitter.feed(Arrays.copyOfRange(all, at, end));
            assertThat(split.discarded()).isEmpty();
            received.addAll(split.frames());
            at = end;
        }

        assertThat(received).containsExactlyElementsOf(sent);
    }

    @Provide
    Arbitrary<Hj212Frame> frames() {
        Arbitrary<String> qn = Arbitraries.strings().numeric().ofLength(17).injectNull(0.2);
        Arbitrary<String> st = Arbitraries.of("21", "22", "31", "32", "91");
        Arbitrary<String> cn = Arbitraries.strings().numeric().ofLength(4);
        Arbitrary<String> pw =
                Arbitraries.strings().alpha().numeric().ofMaxLength(9).injectNull(0.2);
        Arbitrary<String> mn = Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars('_', '-')
                .ofMinLength(1)
                .ofMaxLength(24);
        Arbitrary<Integer[]> flags = Arbitraries.integers()
                .between(0, 255)
                .injectNull(0.1)
                .flatMap(flag -> {
                    if (flag == null || (flag & Hj212Frame.FLAG_SPLIT) == 0) {
                        return Arbitraries.just(new Integer[] {flag, null, null});
                    }
                    return Arbitraries.integers()
                            .between(1, 50)
                            .flatMap(pnum -> Arbitraries.integers()
                                    .between(1, pnum)
                                    .map(pno -> new Integer[] {flag, pnum, pno}));
                });
        Arbitrary<List<List<Hj212Field>>> cp =
                field().list().ofMinSize(1).ofMaxSize(4).list().ofMaxSize(8);
        return Combinators.combine(qn, st, cn, pw, mn, flags, cp)
                .as((q, s, c, p, m, f, items) -> new Hj212Frame(q, s, c, p, m, f[0], f[1], f[2], items));
    }

    @Provide
    Arbitrary<List<Hj212Frame>> frameLists() {
        return frames().list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<byte[]> dataFrames() {
        return Combinators.combine(
                        Arbitraries.of("2011", "2051", "2061", "2031", "3011", "2021"),
                        Arbitraries.of("Rtd", "ZsRtd", "Avg", "Min", "Max", "Cou", "Flag", "ZeroRef", "SpanVal"),
                        Arbitraries.doubles().between(-1e6, 1e6).ofScale(3),
                        Arbitraries.integers().between(0, 7))
                .as((cn, suffix, value, flag) -> Hj212FrameBuilder.of(cn, "31", "MN01")
                        .qn("20240301083000123")
                        .password("123456")
                        .flag(4 | flag)
                        .dataTime(Instant.parse("2024-03-01T00:30:00Z"))
                        .value("a21026", suffix, value)
                        .dataFlag("a21026", "N")
                        .build())
                .filter(f -> f.pnum() != null || !f.split())
                .map(Hj212Codec::encode);
    }

    @Provide
    Arbitrary<Corruption> corruptions() {
        return Combinators.combine(
                        Arbitraries.of(Corruption.Kind.class),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(1, 255))
                .as(Corruption::new);
    }

    @Provide
    Arbitrary<List<Double>> readings() {
        return Arbitraries.doubles().between(-1e9, 1e9).ofScale(6).list();
    }

    private static Arbitrary<Hj212Field> field() {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.just("DataTime"),
                Combinators.combine(
                                Arbitraries.of("a", "w"),
                                Arbitraries.strings().numeric().ofLength(5),
                                Arbitraries.of("Rtd", "ZsRtd", "Avg", "Cou", "Flag", "SampleTime"))
                        .as((p, n, s) -> p + n + "-" + s));
        Arbitrary<String> value =
                Arbitraries.strings().alpha().numeric().withChars('.', '-', '+').ofMaxLength(12);
        return Combinators.combine(key, value).as(Hj212Field::new);
    }

    /** One change to a frame's bytes: a flipped byte, a truncation or an inserted byte. */
    record Corruption(Kind kind, double where, int value) {
        enum Kind {
            FLIP,
            TRUNCATE,
            INSERT
        }

        byte[] apply(byte[] frame) {
            int at = (int) (where * frame.length);
            return switch (kind) {
                case FLIP -> {
                    byte[] copy = frame.clone();
                    copy[Math.min(at, frame.length - 1)] ^= (byte) value;
                    yield copy;
                }
                case TRUNCATE -> Arrays.copyOf(frame, at);
                case INSERT -> {
                    byte[] copy = new byte[frame.length + 1];
                    System.arraycopy(frame, 0, copy, 0, at);
                    copy[at] = (byte) value;
                    System.arraycopy(frame, at, copy, at + 1, frame.length - at);
                    yield copy;
                }
            };
        }
    }
}
