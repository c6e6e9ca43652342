package org.urad.envmon.ingest.decode.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.urad.envmon.ingest.decode.DecodeException;

/**
 * Reads and writes whole HJ 212 frames: {@code ##}, four-digit data length, data segment, CRC of the
 * data segment as four hex digits (either case), CR LF.
 *
 * <p>A frame without the closing CR LF is accepted when its length and CRC are right: an MQTT
 * publisher may trim the line end, and nothing is lost without it.
 */
public final class Hj212Codec {

    /** {@code ##} and four length digits. */
    static final int HEAD = 6;
    /** Four CRC digits. */
    static final int CRC = 4;
    /** The largest data segment the four length digits can declare. */
    static final int MAX_SEGMENT = 9999;

    private Hj212Codec() {}

    public static Hj212Frame decode(byte[] frame) throws DecodeException {
        String segment = checkedSegment(frame);
        return Hj212Segment.parse(segment);
    }

    /**
     * Checks the framing (header, length, CRC) and returns the data segment as text.
     */
    static String checkedSegment(byte[] frame) throws DecodeException {
        if (frame.length < 2 || frame[0] != '#' || frame[1] != '#') {
            throw Hj212Errors.badHeader("frame does not start with ##");
        }
        if (frame.length < HEAD) {
            throw Hj212Errors.badHeader("frame ends inside its length field");
        }
        int declared = digits(frame, 2, 4);
        if (declared < 0) {
            throw Hj212Errors.badHeader("length field "
                    + Hj212Errors.quote(new String(frame, 2, 4, StandardCharsets.ISO_8859_1))
                    + " is not four digits");
        }
        int end = endsWithCrLf(frame) ? frame.length - 2 : frame.length;
        int actual = end - HEAD - CRC;
        if (actual != declared) {
            throw Hj212Errors.lengthMismatch(declared, actual);
        }
        String sent = new String(frame, end - CRC, CRC, StandardCharsets.ISO_8859_1);
        int computed = Hj212Crc.compute(frame, HEAD, declared);
        if (!isHex(sent) || Integer.parseInt(sent, 16) != computed) {
            throw Hj212Errors.badCrc(Hj212Crc.hex(computed), Hj212Errors.quote(sent));
        }
        for (int i = HEAD; i < HEAD + declared; i++) {
            if (frame[i] < 0x20 || frame[i] > 0x7E) {
                throw Hj212Errors.badSyntax("data segment byte " + (i - HEAD) + " is not printable ASCII");
            }
        }
        return new String(frame, HEAD, declared, StandardCharsets.US_ASCII);
    }

    /** The whole frame, CR LF included, with the right length and an upper-case CRC. */
    public static byte[] encode(Hj212Frame frame) {
        return wrap(Hj212Segment.format(frame));
    }

    /** Frames an already formatted data segment. */
    static byte[] wrap(String segment) {
        byte[] data = segment.getBytes(StandardCharsets.US_ASCII);
        if (data.length > MAX_SEGMENT) {
            throw new IllegalArgumentException("data segment of " + data.length + " bytes does not fit a frame");
        }
        String head = "##" + String.format(Locale.ROOT, "%04d", data.length);
        String tail = Hj212Crc.hex(Hj212Crc.compute(data)) + "\r\n";
        byte[] out = new byte[HEAD + data.length + CRC + 2];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, HEAD);
        System.arraycopy(data, 0, out, HEAD, data.length);
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, out, HEAD + data.length, CRC + 2);
        return out;
    }

    private static boolean endsWithCrLf(byte[] frame) {
        int n = frame.length;
        return n >= HEAD + 2 && frame[n - 2] == '\r' && frame[n - 1] == '\n';
    }

    /** The decimal value of {@code count} ASCII digits, or -1 if any is not a digit. */
    static int digits(byte[] bytes, int offset, int count) {
        int value = 0;
        for (int i = offset; i < offset + count; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return -1;
            }
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    private static boolean isHex(String text) {
        return text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
