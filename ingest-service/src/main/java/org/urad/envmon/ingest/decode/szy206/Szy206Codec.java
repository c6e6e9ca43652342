package org.urad.envmon.ingest.decode.szy206;

import org.urad.envmon.ingest.decode.DecodeException;

/**
 * Reads and writes whole SZY 206 frames: {@code 68H}, L (the number of user-data bytes, C to the
 * last data byte), {@code 68H}, the user data, CS (CRC-8 of the user data, {@link Szy206Crc}),
 * {@code 16H}.
 */
public final class Szy206Codec {

    static final int START = 0x68;
    static final int END = 0x16;
    /** 68H L 68H before the user data, CS 16H after it. */
    static final int OVERHEAD = 5;
    /** C, A (5 bytes), AFN: the least user data a frame can have. */
    static final int MIN_USER_DATA = 7;

    private Szy206Codec() {}

    public static Szy206Frame decode(byte[] frame) throws DecodeException {
        if (frame.length < 3 || (frame[0] & 0xFF) != START || (frame[2] & 0xFF) != START) {
            throw Szy206Errors.badHeader("frame does not start with 68H L 68H");
        }
        int declared = frame[1] & 0xFF;
        int actual = frame.length - OVERHEAD;
        if (actual != declared) {
            throw Szy206Errors.lengthMismatch(declared, Math.max(actual, 0));
        }
        if ((frame[frame.length - 1] & 0xFF) != END) {
            throw Szy206Errors.badHeader(String.format("frame ends with %02X, not 16H", frame[frame.length - 1]));
        }
        int sent = frame[frame.length - 2] & 0xFF;
        int computed = Szy206Crc.compute(frame, 3, declared);
        if (sent != computed) {
            throw Szy206Errors.badCrc(computed, sent);
        }
        if (declared < MIN_USER_DATA) {
            throw Szy206Errors.badHeader("user data of " + declared + " bytes cannot hold C, A and AFN");
        }
        int control = frame[3] & 0xFF;
        int at = 4;
        Integer divs = null;
        if ((control & Szy206Frame.DIV) != 0) {
            if (declared < MIN_USER_DATA + 1) {
                throw Szy206Errors.badHeader("split frame too short to hold DIVS");
            }
            divs = frame[at++] & 0xFF;
        }
        byte[] address = java.util.Arrays.copyOfRange(frame, at, at + 5);
        at += 5;
        int afn = frame[at++] & 0xFF;
        byte[] data = java.util.Arrays.copyOfRange(frame, at, 3 + declared);
        return new Szy206Frame(control, divs, address, afn, data);
    }

    public static byte[] encode(Szy206Frame frame) {
        byte[] data = frame.data();
        int userData = 1 + (frame.divs() == null ? 0 : 1) + 5 + 1 + data.length;
        if (userData > 255) {
            throw new IllegalArgumentException("user data of " + userData + " bytes does not fit one frame");
        }
        byte[] out = new byte[userData + OVERHEAD];
        out[0] = (byte) START;
        out[1] = (byte) userData;
        out[2] = (byte) START;
        int at = 3;
        out[at++] = (byte) frame.control();
        if (frame.divs() != null) {
            out[at++] = (byte) (int) frame.divs();
        }
        System.arraycopy(frame.address(), 0, out, at, 5);
        at += 5;
        out[at++] = (byte) frame.afn();
        System.arraycopy(data, 0, out, at, data.length);
        out[out.length - 2] = (byte) Szy206Crc.compute(out, 3, userData);
        out[out.length - 1] = (byte) END;
        return out;
    }
}
