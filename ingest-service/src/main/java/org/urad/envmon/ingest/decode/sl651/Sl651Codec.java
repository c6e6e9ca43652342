package org.urad.envmon.ingest.decode.sl651;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.urad.envmon.ingest.decode.DecodeException;

/**
 * Reads and writes whole SL 651-2014 frames (Tables 16/17 ASCII, 20/21 HEX/BCD). Up: start,
 * centre, station, password, function, direction nibble and 12-bit body length, STX, body,
 * ETX/ETB, CRC. Down: station before centre, end ENQ/ACK/NAK/EOT/ESC. The length and the CRC
 * are checked before anything else is read. {@link #decode} refuses the packets of a multi-packet message
 * (SYN, mode M3): {@link #decodePacket} reads them, HEX/BCD only, one packet at a time.
 */
public final class Sl651Codec {

    /** 7E7E, six address bytes, password, function, two length bytes. */
    static final int HEX_HEAD = 13;
    /** SOH, 2 + 10 address characters, 4 password, 2 function, 4 length. */
    static final int ASCII_HEAD = 23;

    static final int MAX_BODY = 4095;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Sl651Codec() {}

    public static Sl651Frame decode(byte[] frame) throws DecodeException {
        return decode(frame, false);
    }

    /** Whether the frame's start character is SYN: a packet of a multi-packet message (checks nothing else). */
    public static boolean isPacket(byte[] f) {
        if (f.length > HEX_HEAD && (f[0] & 0xFF) == 0x7E) {
            return (f[HEX_HEAD] & 0xFF) == Sl651Frame.SYN;
        }
        return f.length > ASCII_HEAD && f[0] == Sl651Frame.SOH && (f[ASCII_HEAD] & 0xFF) == Sl651Frame.SYN;
    }

    /**
     * Reads one packet of a multi-packet message: the frame checked as any other (length, CRC, header), its
     * body split into the 3-byte packet counter and the packet's share of the message. ASCII packets are
     * refused: implementations disagree on how the counter is written in ASCII (decimal or hex digits).
     */
    public static Sl651Packet decodePacket(byte[] f) throws DecodeException {
        if (!isPacket(f)) {
            throw Sl651Errors.badHeader("frame does not start its body with SYN");
        }
        Sl651Frame frame = decode(f, true);
        if (frame.ascii()) {
            throw Sl651Errors.unknownFunction("an ASCII multi-packet frame (SYN, mode M3)");
        }
        byte[] body = frame.body();
        if (body.length < 3) {
            throw Sl651Errors.badHeader("packet ends inside its packet counter");
        }
        int v = (body[0] & 0xFF) << 16 | (body[1] & 0xFF) << 8 | (body[2] & 0xFF);
        int total = v >> 12;
        int seq = v & 0xFFF;
        if (total < 1 || seq < 1 || seq > total) {
            throw Sl651Errors.badField("packet counter", "packet " + seq + " of " + total);
        }
        Sl651Frame share = new Sl651Frame(
                false,
                frame.centre(),
                frame.station(),
                frame.password(),
                frame.function(),
                frame.up(),
                Arrays.copyOfRange(body, 3, body.length),
                frame.end());
        return new Sl651Packet(share, total, seq);
    }

    /** Writes a HEX/BCD multi-packet frame: SYN, the packet counter, then the packet's body. */
    public static byte[] encodePacket(Sl651Packet packet) {
        Sl651Frame f = packet.frame();
        byte[] share = f.body();
        byte[] body = new byte[3 + share.length];
        System.arraycopy(packet.counter(), 0, body, 0, 3);
        System.arraycopy(share, 0, body, 3, share.length);
        byte[] out = encode(
                new Sl651Frame(false, f.centre(), f.station(), f.password(), f.function(), f.up(), body, f.end()));
        out[HEX_HEAD] = Sl651Frame.SYN;
        int crc = Sl651Crc.compute(out, 0, out.length - 2);
        out[out.length - 2] = (byte) (crc >> 8);
        out[out.length - 1] = (byte) crc;
        return out;
    }

    private static Sl651Frame decode(byte[] frame, boolean packet) throws DecodeException {
        if (frame.length >= 2 && (frame[0] & 0xFF) == 0x7E && (frame[1] & 0xFF) == 0x7E) {
            return decodeHex(frame, packet);
        }
        if (frame.length >= 1 && frame[0] == Sl651Frame.SOH) {
            return decodeAscii(frame, packet);
        }
        throw Sl651Errors.badHeader("frame starts with neither 7E7EH nor SOH");
    }

    private static Sl651Frame decodeHex(byte[] f, boolean packet) throws DecodeException {
        if (f.length < HEX_HEAD) {
            throw Sl651Errors.badHeader("frame ends inside its header");
        }
        int declared = ((f[11] & 0x0F) << 8) | (f[12] & 0xFF);
        int actual = f.length - HEX_HEAD - 1 - 1 - 2;
        if (actual != declared) {
            throw Sl651Errors.lengthMismatch(declared, Math.max(actual, 0));
        }
        checkCrc(f, f.length - 2, ((f[f.length - 2] & 0xFF) << 8) | (f[f.length - 1] & 0xFF));
        boolean up = direction(f[11] >> 4 & 0x0F);
        int centre = f[up ? 2 : 7] & 0xFF;
        String station = HEX.formatHex(f, up ? 3 : 2, up ? 8 : 7);
        int password = ((f[8] & 0xFF) << 8) | (f[9] & 0xFF);
        return frame(false, centre, station, password, f[10] & 0xFF, up, f, HEX_HEAD, declared, packet);
    }

    private static Sl651Frame decodeAscii(byte[] f, boolean packet) throws DecodeException {
        if (f.length < ASCII_HEAD) {
            throw Sl651Errors.badHeader("frame ends inside its header");
        }
        boolean up = f[19] == '0';
        if (!up && f[19] != '8') {
            // the length field of a downward frame starts after the same 19 characters
            throw Sl651Errors.badHeader("direction character '" + printable(f[19]) + "' is neither 0 nor 8");
        }
        int declared = hex(f, 20, 3, "length");
        int actual = f.length - ASCII_HEAD - 1 - 1 - 4;
        if (actual != declared) {
            throw Sl651Errors.lengthMismatch(declared, Math.max(actual, 0));
        }
        checkCrc(f, f.length - 4, hex(f, f.length - 4, 4, "CRC"));
        int centre = hex(f, up ? 1 : 11, 2, "centre address");
        String station = text(f, up ? 3 : 1, 10).toUpperCase(Locale.ROOT);
        if (!station.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw Sl651Errors.badField("station address", "'" + station + "' is not ten hex digits");
        }
        int password = hex(f, 13, 4, "password");
        int function = hex(f, 17, 2, "function code");
        return frame(true, centre, station, password, function, up, f, ASCII_HEAD, declared, packet);
    }

    private static Sl651Frame frame(
            boolean ascii,
            int centre,
            String station,
            int password,
            int function,
            boolean up,
            byte[] f,
            int head,
            int n,
            boolean packet)
            throws DecodeException {
        int start = f[head] & 0xFF;
        if (start == Sl651Frame.SYN && !packet) {
            throw Sl651Errors.unknownFunction("a multi-packet frame (SYN, mode M3)");
        }
        if (start != (packet ? Sl651Frame.SYN : Sl651Frame.STX)) {
            throw Sl651Errors.badHeader(String.format("start character %02XH is not STX", start));
        }
        int end = f[head + 1 + n] & 0xFF;
        boolean endOk = up
                ? end == Sl651Frame.ETX || end == Sl651Frame.ETB
                : end == Sl651Frame.ENQ
                        || end == Sl651Frame.ACK
                        || end == Sl651Frame.NAK
                        || end == Sl651Frame.EOT
                        || end == Sl651Frame.ESC;
        if (!endOk) {
            throw Sl651Errors.badHeader(
                    String.format("end character %02XH does not end a frame going %s", end, up ? "up" : "down"));
        }
        byte[] body = Arrays.copyOfRange(f, head + 1, head + 1 + n);
        return new Sl651Frame(ascii, centre, station, password, function, up, body, end);
    }

    public static byte[] encode(Sl651Frame frame) {
        byte[] body = frame.body();
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("body of " + body.length + " bytes does not fit one frame");
        }
        return frame.ascii() ? encodeAscii(frame, body) : encodeHex(frame, body);
    }

    private static byte[] encodeHex(Sl651Frame frame, byte[] body) {
        byte[] out = new byte[HEX_HEAD + 1 + body.length + 1 + 2];
        out[0] = 0x7E;
        out[1] = 0x7E;
        byte[] station = HEX.parseHex(frame.station());
        int stationAt = frame.up() ? 3 : 2;
        out[frame.up() ? 2 : 7] = (byte) frame.centre();
        System.arraycopy(station, 0, out, stationAt, 5);
        out[8] = (byte) (frame.password() >> 8);
        out[9] = (byte) frame.password();
        out[10] = (byte) frame.function();
        out[11] = (byte) ((frame.up() ? 0x00 : 0x80) | body.length >> 8);
        out[12] = (byte) body.length;
        out[13] = Sl651Frame.STX;
        System.arraycopy(body, 0, out, 14, body.length);
        out[14 + body.length] = (byte) frame.end();
        int crc = Sl651Crc.compute(out, 0, out.length - 2);
        out[out.length - 2] = (byte) (crc >> 8);
        out[out.length - 1] = (byte) crc;
        return out;
    }

    private static byte[] encodeAscii(Sl651Frame frame, byte[] body) {
        String centre = String.format(Locale.ROOT, "%02X", frame.centre());
        String head = (frame.up() ? centre + frame.station() : frame.station() + centre)
                + String.format(
                        Locale.ROOT,
                        "%04X%02X%s%03X",
                        frame.password(),
                        frame.function(),
                        frame.up() ? "0" : "8",
                        body.length);
        byte[] out = new byte[ASCII_HEAD + 1 + body.length + 1 + 4];
        out[0] = Sl651Frame.SOH;
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 1, ASCII_HEAD - 1);
        out[ASCII_HEAD] = Sl651Frame.STX;
        System.arraycopy(body, 0, out, ASCII_HEAD + 1, body.length);
        out[ASCII_HEAD + 1 + body.length] = (byte) frame.end();
        int crc = Sl651Crc.compute(out, 0, out.length - 4);
        byte[] tail = String.format(Locale.ROOT, "%04X", crc).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, out, out.length - 4, 4);
        return out;
    }

    private static void checkCrc(byte[] f, int length, int sent) throws DecodeException {
        int computed = Sl651Crc.compute(f, 0, length);
        if (computed != sent) {
            throw Sl651Errors.badCrc(computed, sent);
        }
    }

    private static boolean direction(int nibble) throws DecodeException {
        if (nibble == 0) {
            return true;
        }
        if (nibble == 8) {
            return false;
        }
        throw Sl651Errors.badHeader(String.format("direction nibble %XH is neither 0 (up) nor 8 (down)", nibble));
    }

    /** The value of {@code count} ASCII hex digits, upper case (so that no flipped bit leaves the value alone). */
    private static int hex(byte[] f, int offset, int count, String field) throws DecodeException {
        int value = 0;
        for (int i = offset; i < offset + count; i++) {
            int d = f[i] >= 'a' ? -1 : Character.digit(f[i], 16);
            if (d < 0) {
                throw Sl651Errors.badHeader(field + " holds '" + printable(f[i]) + "', not a hex digit");
            }
            value = value << 4 | d;
        }
        return value;
    }

    private static String text(byte[] f, int offset, int count) {
        return new String(f, offset, count, StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b);
    }
}
