package org.urad.envmon.ingest.decode.hj212;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random HJ 212 inputs for the property tests, drawn from a {@link Random} with a given seed: the
 * same seed always gives the same inputs, so a failing try can be replayed from its seed.
 */
final class Hj212FrameGenerator {

    private static final String DIGITS = "0123456789";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + DIGITS;
    private static final List<String> SYSTEMS = List.of("21", "22", "31", "32", "91");
    private static final List<String> CP_SUFFIXES = List.of("Rtd", "ZsRtd", "Avg", "Cou", "Flag", "SampleTime");
    private static final List<String> DATA_CNS = List.of("2011", "2051", "2061", "2031", "3011", "2021");
    private static final List<String> DATA_SUFFIXES =
            List.of("Rtd", "ZsRtd", "Avg", "Min", "Max", "Cou", "Flag", "ZeroRef", "SpanVal");
    /** Header keys, CP keys and values (some of them wrong) to build text shaped like a data segment. */
    private static final List<String> HEADER_KEYS = List.of("QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO");

    private static final List<String> CP_KEYS =
            choices("DataTime|a21026-Rtd|a21026-Avg|a21026-Min|a21026-Flag|a21026-ZeroRef|a21026-ZeroVal|-Avg|a 1|");
    private static final List<String> VALUES = choices("|0|2|3|7|99999|31|2011|2061|3011|9014|MN01|-1.5|1e3|.5|N"
            + "|20240301083000|20240301083000123|20241399250000|a=b|&|x");
    static final Instant DATA_TIME = Instant.parse("2024-03-01T00:30:00Z");

    private final Random random;

    Hj212FrameGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** Any frame the encoder can write: QN, PW and Flag sometimes absent; PNUM and PNO when Flag says split. */
    Hj212Frame frame() {
        String qn = sometimesNull(string(DIGITS, 17, 17), 5);
        String st = pick(SYSTEMS);
        String cn = string(DIGITS, 4, 4);
        String pw = sometimesNull(string(ALPHANUMERIC, 0, 9), 5);
        String mn = string(ALPHANUMERIC + "_-", 1, 24);
        Integer flag = sometimesNull(random.nextInt(256), 10);
        Integer pnum = null;
        Integer pno = null;
        if (flag != null && (flag & Hj212Frame.FLAG_SPLIT) != 0) {
            pnum = between(1, 50);
            pno = between(1, pnum);
        }
        List<List<Hj212Field>> cp = list(0, 8, () -> list(1, 4, this::cpField));
        return new Hj212Frame(qn, st, cn, pw, mn, flag, pnum, pno, cp);
    }

    List<Hj212Frame> frames(int min, int max) {
        return list(min, max, this::frame);
    }

    /** A 2017 data frame with one value, from the builder, replying or not. */
    byte[] dataFrame() {
        return Hj212FrameBuilder.of(pick(DATA_CNS), "31", "MN01")
                .qn("20240301083000123")
                .password("123456")
                .flag(4 | random.nextInt(2))
                .dataTime(DATA_TIME)
                .value("a21026", pick(DATA_SUFFIXES), decimal(1e6, 3))
                .dataFlag("a21026", "N")
                .encode();
    }

    /** One flipped byte, a truncation or one inserted byte somewhere in a frame of this length. */
    Corruption corruption(int length) {
        Corruption.Kind kind = pick(List.of(Corruption.Kind.values()));
        int at = kind == Corruption.Kind.INSERT ? random.nextInt(length + 1) : random.nextInt(length);
        return new Corruption(kind, at, between(1, 255));
    }

    CorruptedFrame corruptedFrame() {
        byte[] frame = dataFrame();
        return new CorruptedFrame(frame, corruption(frame.length));
    }

    /** Up to {@code maxSize} readings with up to six decimals, within ±1e9. */
    List<Double> readings(int maxSize) {
        return list(0, maxSize, () -> decimal(1e9, 6));
    }

    /** Raw noise, or noise or text shaped like a data segment inside a right header and CRC. */
    byte[] arbitraryBytes(int maxLength) {
        byte[] noise = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(noise);
        return switch (random.nextInt(3)) {
            case 0 -> noise;
            case 1 -> framed(noise);
            default -> framed(segmentLike().getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** Chunk sizes to cut a stream with, used in turn; none means the whole stream at once. */
    List<Integer> chunkSizes(int maxCount, int maxSize) {
        return list(0, maxCount, () -> between(1, maxSize));
    }

    CutStream cutStream() {
        return new CutStream(frames(1, 5), chunkSizes(10, 400));
    }

    /** A value within ±{@code bound} with at most {@code scale} decimals; one in ten is an edge value. */
    double decimal(double bound, int scale) {
        double smallest = BigDecimal.ONE.movePointLeft(scale).doubleValue();
        if (random.nextInt(10) == 0) {
            return pick(List.of(0.0, 1.0, -1.0, smallest, -smallest, bound, -bound));
        }
        double magnitude = Math.pow(10, random.nextInt((int) Math.log10(bound) + 1));
        double value = (random.nextDouble() * 2 - 1) * magnitude;
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code key=value;…CP=&&key=value,…;…&&} with keys and values drawn from short lists. */
    private String segmentLike() {
        StringBuilder out = new StringBuilder();
        for (String key : HEADER_KEYS) {
            if (random.nextInt(4) > 0) {
                out.append(key).append('=').append(pick(VALUES)).append(';');
            }
        }
        out.append("CP=&&");
        for (int i = between(0, 6); i > 0; i--) {
            out.append(pick(CP_KEYS)).append('=').append(pick(VALUES)).append(i > 1 ? pick(List.of(";", ",")) : "");
        }
        return out.append("&&").toString();
    }

    private Hj212Field cpField() {
        String key = random.nextInt(5) == 0
                ? Hj212Values.DATA_TIME
                : pick(List.of("a", "w")) + string(DIGITS, 5, 5) + "-" + pick(CP_SUFFIXES);
        return new Hj212Field(key, string(ALPHANUMERIC + ".-+", 0, 12));
    }

    private static byte[] framed(byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.format(Locale.ROOT, "##%04d", segment.length).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(segment);
        out.writeBytes((Hj212Crc.hex(Hj212Crc.compute(segment)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private String string(String alphabet, int minLength, int maxLength) {
        StringBuilder out = new StringBuilder();
        for (int i = between(minLength, maxLength); i > 0; i--) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
        List<T> out = new ArrayList<>();
        for (int i = between(minSize, maxSize); i > 0; i--) {
            out.add(element.get());
        }
        return out;
    }

    /** {@code value}, or null once in {@code oneIn} draws. */
    private <T> T sometimesNull(T value, int oneIn) {
        return random.nextInt(oneIn) == 0 ? null : value;
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** The {@code |}-separated choices in {@code text}, empty ones included. */
    private static List<String> choices(String text) {
        return List.of(text.split("\\|", -1));
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** One change to a frame's bytes at index {@code at}: a flipped byte, a truncation or an inserted byte. */
    record Corruption(Kind kind, int at, int value) {
        enum Kind {
            FLIP,
            TRUNCATE,
            INSERT
        }

        byte[] apply(byte[] frame) {
            return switch (kind) {
                case FLIP -> {
                    byte[] copy = frame.clone();
                    copy[at] ^= (byte) value;
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

    record CorruptedFrame(byte[] frame, Corruption corruption) {
        byte[] bytes() {
            return corruption.apply(frame);
        }
    }

    /** Frames sent back to back, and the sizes of the chunks the stream arrives in. */
    record CutStream(List<Hj212Frame> frames, List<Integer> chunkSizes) {}
}
