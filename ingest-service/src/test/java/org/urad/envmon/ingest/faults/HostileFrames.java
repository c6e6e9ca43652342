package org.urad.envmon.ingest.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.urad.envmon.ingest.decode.hj212.Hj212Crc;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.support.SyntheticRegistry;

/**
 * HJ 212 frames built by the project's own {@link Hj212FrameBuilder} (real length and CRC), and mutations of
 * them that no correct receiver can accept: a changed byte under the old CRC, a field holding a character the
 * data segment may not carry (under a correct CRC), a value that is no decimal number, a wrong length, a cut.
 */
final class HostileFrames {

    private static final int HEAD = 6;
    private static final int TAIL = 6;
    private static final List<String> FIELDS =
            List.of("QN=", "ST=", "CN=", "PW=", "MN=", "Flag=", "DataTime=", "-Rtd=");
    private static final List<String> BAD_NUMBERS = List.of(
            "1e400", "NaN", "Infinity", "-Infinity", "1E5", "0x1F", "9".repeat(31), "1.2.3", "", "-", ".", "12a");
    private static final String[] BAD_CHARACTERS = {"\u0000", "\u0001", "\u001b", "\u007f", "\u4e95", "\uff11", "\u0661"
    };

    private HostileFrames() {}

    /** A valid real-time frame of one value, asking for a 9014 reply when {@code reply}. */
    static byte[] valid(String mn, String pw, Instant time, String code, double value, boolean reply) {
        return Hj212FrameBuilder.of("2011", "31", mn)
                .qn(time)
                .password(pw)
                .replyRequested(reply)
                .dataTime(time)
                .value(code, "Rtd", value)
                .dataFlag(code, "N")
                .encode();
    }

    /** A valid frame of a synthetic monitor with a random value of a random registered code. */
    static byte[] valid(Random rnd, String mn, String pw, Instant time) {
        String code = SyntheticRegistry.CEMS_CODES.get(rnd.nextInt(SyntheticRegistry.CEMS_CODES.size()));
        return valid(mn, pw, time, code, rnd.nextInt(100_000) / 100.0, rnd.nextBoolean());
    }

    /** One data byte changed to another printable character while the CRC stays: CRC-16 detects every such change. */
    static byte[] badCrc(Random rnd, byte[] frame) {
        byte[] out = frame.clone();
        int at = HEAD + rnd.nextInt(frame.length - HEAD - TAIL);
        byte changed;
        do {
            changed = (byte) (0x21 + rnd.nextInt(0x5e));
        } while (changed == out[at]);
        out[at] = changed;
        return out;
    }

    /** A control or non-ASCII character inside a field's value, under a correct length and CRC. */
    static byte[] badCharacter(Random rnd, byte[] frame) {
        String segment = segment(frame);
        String field = FIELDS.get(rnd.nextInt(FIELDS.size()));
        int at = segment.indexOf(field) + field.length() + rnd.nextInt(2);
        String bad = BAD_CHARACTERS[rnd.nextInt(BAD_CHARACTERS.length)];
        return wrap((segment.substring(0, at) + bad + segment.substring(at)).getBytes(StandardCharsets.UTF_8));
    }

    /** The value replaced by text that is no HJ 212 decimal number, under a correct length and CRC. */
    static byte[] badNumber(Random rnd, byte[] frame) {
        String segment = segment(frame);
        int start = segment.indexOf("-Rtd=") + "-Rtd=".length();
        int end = segment.indexOf(',', start);
        String bad = BAD_NUMBERS.get(rnd.nextInt(BAD_NUMBERS.size()));
        return wrap((segment.substring(0, start) + bad + segment.substring(end)).getBytes(StandardCharsets.UTF_8));
    }

    /** A length field that is not the data segment's length (or not four digits). */
    static byte[] badLength(Random rnd, byte[] frame) {
        byte[] out = frame.clone();
        int actual = frame.length - HEAD - TAIL;
        String length;
        switch (rnd.nextInt(3)) {
            case 0 -> length = "%04d".formatted((actual + 1 + rnd.nextInt(9998)) % 10_000);
            case 1 -> length = "9999";
            default -> length = "00a" + rnd.nextInt(10);
        }
        if (length.equals("%04d".formatted(actual))) {
            length = "0000";
        }
        System.arraycopy(length.getBytes(StandardCharsets.US_ASCII), 0, out, 2, 4);
        return out;
    }

    /** Cut at least into its CRC (a frame may lose its line end and stay whole, nothing more). */
    static byte[] truncated(Random rnd, byte[] frame) {
        return Arrays.copyOf(frame, rnd.nextInt(frame.length - 2));
    }

    /** Two frames (each unacceptable) in one payload, with or without a line end between them. */
    static byte[] twoFrames(byte[] first, byte[] second, boolean stripLineEnd) {
        byte[] a = stripLineEnd ? Arrays.copyOf(first, first.length - 2) : first;
        byte[] out = Arrays.copyOf(a, a.length + second.length);
        System.arraycopy(second, 0, out, a.length, second.length);
        return out;
    }

    private static String segment(byte[] frame) {
        return new String(frame, HEAD, frame.length - HEAD - TAIL, StandardCharsets.US_ASCII);
    }

    /** {@code ##}, four-digit length, data, CRC over the data, CR LF: the frame as the codec writes it. */
    static byte[] wrap(byte[] data) {
        byte[] head = ("##" + String.format(Locale.ROOT, "%04d", data.length)).getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (Hj212Crc.hex(Hj212Crc.compute(data)) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + data.length + tail.length);
        System.arraycopy(data, 0, out, head.length, data.length);
        System.arraycopy(tail, 0, out, head.length + data.length, tail.length);
        return out;
    }
}
